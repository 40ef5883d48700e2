-- Two workstations pushing the same rows in opposite orders (each its own outbox order) could
-- deadlock: PostgreSQL then cancels one, and cc.push (0009) took that cancellation for a refusal
-- of the mutation, marked it answered, and the workstation dropped a change that was never wrong.
-- Now a push locks every row it will write, in one order (table, then id) shared by every push,
-- before it writes any; and an error that says "try again" (deadlock, serialization, lock or
-- statement timeout, cancellation, the server's resources) is never a refusal: it aborts the
-- whole push, nothing of it stays, and the workstation sends it again (src/main/sync/store-connection.ts).

-- Locks the existing rows a batch of mutations will write, in (table, id) order. An intervention
-- whose technicians the batch changes is locked too: its status is settled after them.
CREATE FUNCTION cc.lock_rows(p_mutations jsonb, p_after bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  t text;
  i text;
BEGIN
  FOR t, i IN
    WITH rows AS (
      SELECT r ->> 'table' AS tbl, r ->> 'rowId' AS rid, r -> 'changes' AS ch
      FROM jsonb_array_elements(p_mutations) m,
           jsonb_array_elements(CASE WHEN jsonb_typeof(m -> 'rows') = 'array' THEN m -> 'rows' ELSE '[]' END) r
      WHERE (m ->> 'seq')::bigint > p_after
    ), wanted AS (
      SELECT tbl, rid FROM rows
      UNION
      SELECT 'interventions', coalesce(ch ->> 'intervention_id', (SELECT x.intervention_id FROM cc.intervention_technicians x WHERE x.id = rid))
      FROM rows WHERE tbl = 'intervention_technicians'
    )
    SELECT w.tbl, w.rid FROM wanted w JOIN cc.write_rules wr ON wr.table_name = w.tbl
    WHERE w.rid IS NOT NULL
    ORDER BY w.tbl COLLATE "C", w.rid COLLATE "C"
  LOOP
    EXECUTE format('SELECT 1 FROM cc.%I WHERE id = $1 FOR UPDATE', t) USING i;
  END LOOP;
END
$$;
--> statement-breakpoint

-- An error after which the same work may well succeed: class 40 (serialization, deadlock),
-- 53 (resources), 55P03 (lock not available), 57 (cancelled, shutting down), 08 (connection).
CREATE FUNCTION cc.is_transient(p_state text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT left(p_state, 2) IN ('40', '53', '57', '08') OR p_state = '55P03' $$;
--> statement-breakpoint

-- cc.push as before (0009), with the rows locked in order first and transient errors raised.
CREATE OR REPLACE FUNCTION cc.push(p_ws text, p_key text, p_ws_name text, p_mutations jsonb, p_now bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
  last bigint;
  m jsonb;
  r jsonb;
  lost jsonb;
  results jsonb := '[]';
BEGIN
  IF jsonb_typeof(p_mutations) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'A push sends an array of mutations.' USING ERRCODE = '22023';
  END IF;
  -- One push at a time per workstation (the claim locks its row).
  last := cc.claim_workstation(p_ws, p_key, p_ws_name);
  PERFORM cc.lock_rows(p_mutations, last);
  FOR m IN SELECT value FROM jsonb_array_elements(p_mutations) LOOP
    IF (m ->> 'seq')::bigint <= last THEN
      results := results || jsonb_build_object('id', m ->> 'id', 'status', 'duplicate');
      CONTINUE;
    END IF;
    BEGIN
      lost := '[]';
      PERFORM set_config('cc.closing', '', true);
      FOR r IN SELECT value FROM jsonb_array_elements(m -> 'rows') LOOP
        PERFORM cc.check_scope(u, r);
        PERFORM cc.check_closed(r);
        lost := lost || cc.apply_row(u, p_ws, m ->> 'id', r, p_now);
        -- A password set on the workstation: the user's store login follows, in the same mutation.
        IF r ->> 'table' = 'users' AND r -> 'changes' ? 'store_verifier' THEN
          PERFORM cc.set_login(u, r ->> 'rowId', r -> 'changes' ->> 'store_verifier');
        END IF;
      END LOOP;
      PERFORM cc.settle_statuses(m -> 'rows', p_ws);
      results := results || jsonb_build_object('id', m ->> 'id', 'status', 'accepted', 'conflicts', lost);
    EXCEPTION WHEN OTHERS THEN
      -- "Try again" is no answer about the mutation: the whole push stops, to be sent again.
      IF cc.is_transient(SQLSTATE) THEN
        RAISE;
      END IF;
      -- Nothing of a refused mutation stays; the others go on.
      results := results || jsonb_build_object('id', m ->> 'id', 'status', 'rejected', 'reason', SQLERRM, 'code', SQLSTATE);
    END;
    last := (m ->> 'seq')::bigint;
    UPDATE cc.workstations SET last_seq = last, last_mutation_id = m ->> 'id', last_user = u.login, last_push_at = p_now WHERE id = p_ws;
  END LOOP;
  -- One wake-up per batch (NOTIFY takes a global lock at commit), not one per row.
  PERFORM pg_notify('cc_changes', '');
  RETURN results;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION cc.lock_rows(jsonb, bigint), cc.is_transient(text) FROM PUBLIC;

-- The status workflow is the store's to hold too (DESIGN.md: the status is computed from facts,
-- never typed in). Facts from several workstations merge field by field, so after each mutation
-- the store computes the status of every intervention it touched from its own merged row and
-- technicians (shared/domain/intervention.ts computeStatus, here in SQL), whatever status a
-- workstation sent. And a finalized or cancelled intervention is read-only in the store as on a
-- workstation: only its number (given late to a document validated offline) may still change,
-- besides its thread; the mutation that closes it may change the rest with it.

-- The status an intervention's facts give (computeStatus).
CREATE FUNCTION cc.status_of(p_id text) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  i cc.interventions;
  answers text[];
BEGIN
  SELECT * INTO i FROM cc.interventions WHERE id = p_id;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF i.cancelled_at IS NOT NULL THEN
    RETURN 'cancelled';
  END IF;
  IF i.finalized_at IS NOT NULL THEN
    RETURN 'finalized';
  END IF;
  IF i.planned_start IS NULL OR i.planned_end IS NULL OR i.team_id IS NULL OR i.verifier_id IS NULL THEN
    RETURN 'taken';
  END IF;
  SELECT coalesce(array_agg(t.answer), '{}') INTO answers FROM cc.intervention_technicians t WHERE t.intervention_id = p_id AND t.deleted_at IS NULL;
  -- A rejection sends it back to taken: the operator must plan the team again.
  IF 'rejected' = ANY (answers) THEN
    RETURN 'taken';
  END IF;
  IF cardinality(answers) > 0 AND 'accepted' = ALL (answers) THEN
    RETURN 'confirmed';
  END IF;
  RETURN 'allocated';
END
$$;
--> statement-breakpoint

-- Sets the status of the interventions a mutation touched to what their facts say: a change of
-- the store's own when it differs (a new version, logged, so every workstation gets it).
CREATE FUNCTION cc.settle_statuses(p_rows jsonb, p_ws text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  iid text;
  st text;
BEGIN
  FOR iid IN
    SELECT DISTINCT CASE WHEN r ->> 'table' = 'interventions' THEN r ->> 'rowId'
                         ELSE (SELECT t.intervention_id FROM cc.intervention_technicians t WHERE t.id = r ->> 'rowId') END
    FROM jsonb_array_elements(p_rows) r
    WHERE r ->> 'table' IN ('interventions', 'intervention_technicians')
  LOOP
    st := cc.status_of(iid);
    IF st IS NULL THEN
      CONTINUE;
    END IF;
    UPDATE cc.interventions i
    SET status = st, version = i.version + 1, cc_fields = i.cc_fields || jsonb_build_object('status', jsonb_build_array(i.version + 1, p_ws))
    WHERE i.id = iid AND i.status IS DISTINCT FROM st;
    IF FOUND THEN
      INSERT INTO cc.log (txid, table_name, row_id) VALUES (pg_current_xact_id(), 'interventions', iid);
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint

-- Refuses a change to a closed intervention (or its technicians) unless the same mutation closes
-- it, or it only gives it its number. Remembers (for the mutation) the interventions it closes.
CREATE FUNCTION cc.check_closed(r jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  tbl text := r ->> 'table';
  ch jsonb := coalesce(r -> 'changes', '{}');
  iid text;
  st text;
  closing text[] := string_to_array(coalesce(current_setting('cc.closing', true), ''), ' ');
BEGIN
  IF tbl = 'interventions' THEN
    iid := r ->> 'rowId';
  ELSIF tbl = 'intervention_technicians' THEN
    SELECT t.intervention_id INTO iid FROM cc.intervention_technicians t WHERE t.id = r ->> 'rowId';
    iid := coalesce(iid, ch ->> 'intervention_id');
  ELSE
    RETURN;
  END IF;
  SELECT i.status INTO st FROM cc.interventions i WHERE i.id = iid;
  IF st IS NULL OR st NOT IN ('finalized', 'cancelled') THEN
    IF tbl = 'interventions' AND (ch ->> 'finalized_at' IS NOT NULL OR ch ->> 'cancelled_at' IS NOT NULL) THEN
      PERFORM set_config('cc.closing', array_to_string(closing || iid, ' '), true);
    END IF;
    RETURN;
  END IF;
  IF iid = ANY (closing) THEN
    RETURN;
  END IF;
  IF tbl = 'interventions' AND r ->> 'op' = 'update' AND NOT EXISTS (SELECT 1 FROM jsonb_object_keys(ch) k WHERE k NOT IN ('number', 'updated_at')) THEN
    RETURN;
  END IF;
  RAISE EXCEPTION 'Intervention % is %: it is read-only; add a message instead.', iid, st USING ERRCODE = '55000';
END
$$;
--> statement-breakpoint

-- cc.push as before (0003), with the closed check before each row and the statuses settled after
-- each mutation.
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
REVOKE ALL ON FUNCTION cc.status_of(text), cc.settle_statuses(jsonb, text), cc.check_closed(jsonb) FROM PUBLIC;

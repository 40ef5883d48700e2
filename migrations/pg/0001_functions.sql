-- The store's own rules (src/main/sync, docs/architecture.md "Sync"): users reach the store as
-- themselves (a role per user, member of cc_user) and may only call these functions; the
-- functions (SECURITY DEFINER, owned by the store's owner) check each write against the
-- user's rights, merge it field by field, and log it in one global, commit-safe order.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cc_user') THEN
    CREATE ROLE cc_user NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON SCHEMA cc FROM PUBLIC;
--> statement-breakpoint
GRANT USAGE ON SCHEMA cc TO cc_user;
--> statement-breakpoint

-- Which module's write right a table needs. `own_fields`: what a user may change on their own
-- row without it (users: their preferences). `counter_fields`: what a writer of
-- `counter_module` may change (a series' next number when a document is numbered).
CREATE TABLE cc.write_rules (
  table_name text PRIMARY KEY,
  module text NOT NULL,
  own_fields text[] NOT NULL DEFAULT '{}',
  counter_module text,
  counter_fields text[] NOT NULL DEFAULT '{}'
);
--> statement-breakpoint
INSERT INTO cc.write_rules (table_name, module, own_fields, counter_module, counter_fields) VALUES
  ('users', 'admin', ARRAY['language', 'favourites', 'start_page', 'reads_since', 'updated_at'], NULL, '{}'),
  ('clients', 'clients', '{}', NULL, '{}'),
  ('contact_persons', 'clients', '{}', NULL, '{}'),
  ('products', 'clients', '{}', NULL, '{}'),
  ('client_assets', 'clients', '{}', NULL, '{}'),
  ('personnel', 'admin', '{}', NULL, '{}'),
  ('teams', 'admin', '{}', NULL, '{}'),
  ('team_members', 'admin', '{}', NULL, '{}'),
  ('request_types', 'admin', '{}', NULL, '{}'),
  ('request_type_fields', 'admin', '{}', NULL, '{}'),
  ('request_type_templates', 'admin', '{}', NULL, '{}'),
  ('series', 'admin', '{}', 'interventions', ARRAY['next_number', 'updated_at']),
  ('working_periods', 'admin', '{}', NULL, '{}'),
  ('interventions', 'interventions', '{}', NULL, '{}'),
  ('intervention_technicians', 'interventions', '{}', NULL, '{}'),
  ('intervention_messages', 'interventions', '{}', NULL, '{}'),
  ('message_mentions', 'interventions', '{}', NULL, '{}'),
  ('correspondence_register', 'interventions', '{}', NULL, '{}'),
  ('attachments', 'interventions', '{}', NULL, '{}'),
  ('saved_views', 'interventions', '{}', NULL, '{}');
--> statement-breakpoint

-- Each role's default rights (filled from src/shared/domain/permissions.ts by the migrate command).
CREATE TABLE cc.role_rights (
  role text NOT NULL,
  module text NOT NULL,
  level text NOT NULL,
  PRIMARY KEY (role, module)
);
--> statement-breakpoint

-- The role a user reaches the store as.
CREATE FUNCTION cc.role_of(p_login text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT 'cc_u_' || lower(p_login) $$;
--> statement-breakpoint

-- The user calling, from the role the connection logged in as (never from an argument).
CREATE FUNCTION cc.me() RETURNS cc.users
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users;
BEGIN
  SELECT * INTO u FROM cc.users WHERE cc.role_of(login) = session_user AND deleted_at IS NULL AND active;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The store has no active user for the role %.', session_user USING ERRCODE = '28000';
  END IF;
  RETURN u;
END
$$;
--> statement-breakpoint

-- A user's right on a module: the role's default, the user's own override on top; a session
-- locked for changes reads only.
CREATE FUNCTION cc.may(u cc.users, p_module text, p_level text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  have text;
BEGIN
  have := coalesce((u.rights::jsonb) ->> p_module, (SELECT level FROM cc.role_rights WHERE role = u.role AND module = p_module), 'none');
  IF u.session_locked AND have = 'write' THEN
    have := 'read';
  END IF;
  RETURN CASE p_level WHEN 'read' THEN have IN ('read', 'write') ELSE have = 'write' END;
END
$$;
--> statement-breakpoint

-- The columns of a store table that a change may name (not the store's own).
CREATE FUNCTION cc.columns_of(p_table text) RETURNS text[]
LANGUAGE sql STABLE SET search_path = cc, pg_temp AS $$
  SELECT coalesce(array_agg(attname::text ORDER BY attnum), '{}') FROM pg_attribute
  WHERE attrelid = format('cc.%I', p_table)::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'cc_fields'
$$;
--> statement-breakpoint

-- Applies one row of a mutation: inserted, or merged field by field into the store's row.
-- Answers the fields that lost to another workstation's earlier write (kept as conflicts).
CREATE FUNCTION cc.apply_row(u cc.users, p_ws text, p_mutation text, r jsonb, p_now bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  tbl text := r ->> 'table';
  rid text := r ->> 'rowId';
  op text := r ->> 'op';
  base bigint := (r ->> 'baseVersion')::bigint;
  ch jsonb := coalesce(r -> 'changes', '{}');
  rule cc.write_rules;
  cols text[];
  cur jsonb;
  fields jsonb;
  ver bigint;
  applied jsonb := '{}';
  lost jsonb := '[]';
  f text;
  v jsonb;
  fv jsonb;
  keep jsonb;
  statuses text[] := ARRAY['taken', 'allocated', 'confirmed', 'finalized', 'cancelled'];
  list text;
BEGIN
  SELECT * INTO rule FROM cc.write_rules WHERE table_name = tbl;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The store has no table %.', tbl USING ERRCODE = '42P01';
  END IF;
  IF rid IS NULL OR op NOT IN ('insert', 'update', 'delete') OR jsonb_typeof(ch) <> 'object' THEN
    RAISE EXCEPTION 'A change needs a row id, an operation (insert, update, delete) and its fields.' USING ERRCODE = '22023';
  END IF;
  cols := cc.columns_of(tbl);
  -- Only the table's columns, and never the store's bookkeeping.
  ch := (SELECT coalesce(jsonb_object_agg(key, value), '{}') FROM jsonb_each(ch) WHERE key = ANY (cols) AND key NOT IN ('id', 'version'));

  -- Rights: the module's write right; or the user's own row's own fields; or a counter.
  IF NOT cc.may(u, rule.module, 'write') THEN
    IF NOT (
      (tbl = 'users' AND rid = u.id AND op = 'update' AND (SELECT bool_and(k = ANY (rule.own_fields)) FROM jsonb_object_keys(ch) k))
      OR (rule.counter_module IS NOT NULL AND op = 'update' AND cc.may(u, rule.counter_module, 'write')
          AND (SELECT bool_and(k = ANY (rule.counter_fields)) FROM jsonb_object_keys(ch) k))
    ) THEN
      RAISE EXCEPTION 'User % may not change %.', u.login, tbl USING ERRCODE = '42501';
    END IF;
  END IF;
  IF tbl = 'saved_views' AND ch ? 'user_id' AND ch ->> 'user_id' <> u.id THEN
    RAISE EXCEPTION 'A saved view belongs to the user who saves it.' USING ERRCODE = '42501';
  END IF;

  EXECUTE format('SELECT to_jsonb(t) FROM cc.%I t WHERE id = $1 FOR UPDATE', tbl) INTO cur USING rid;
  IF cur IS NULL THEN
    IF op <> 'insert' THEN
      RAISE EXCEPTION 'The store has no % row %.', tbl, rid USING ERRCODE = 'P0002';
    END IF;
    fields := (SELECT coalesce(jsonb_object_agg(key, jsonb_build_array(1, p_ws)), '{}') FROM jsonb_each(ch));
    ch := ch || jsonb_build_object('id', rid, 'version', 1, 'cc_fields', fields);
    list := (SELECT string_agg(format('%I', k), ', ') FROM jsonb_object_keys(ch) k);
    EXECUTE format('INSERT INTO cc.%I (%s) SELECT %s FROM jsonb_populate_record(NULL::cc.%I, $1)', tbl, list, list, tbl) USING ch;
  ELSE
    IF cur ->> 'deleted_at' IS NOT NULL AND NOT ch ? 'deleted_at' THEN
      RAISE EXCEPTION 'The % row % was deleted.', tbl, rid USING ERRCODE = 'P0002';
    END IF;
    fields := cur -> 'cc_fields';
    ver := (cur ->> 'version')::bigint + 1;
    FOR f, v IN SELECT key, value FROM jsonb_each(ch) LOOP
      fv := fields -> f;
      keep := NULL;
      -- Changed on both sides since the base, by another workstation, to another value.
      IF fv IS NOT NULL AND (fv ->> 0)::bigint > base AND fv ->> 1 <> p_ws AND (cur -> f) IS DISTINCT FROM v AND f NOT IN ('updated_at') THEN
        IF tbl = 'interventions' AND f = 'status' THEN
          -- The status follows the workflow: the one further along it stands.
          IF array_position(statuses, v #>> '{}') > array_position(statuses, cur ->> f) THEN
            keep := v;
          ELSE
            keep := cur -> f;
          END IF;
        ELSIF tbl = 'interventions' AND f = 'notes' THEN
          -- Notes keep both texts.
          keep := to_jsonb(concat_ws(E'\n', cur ->> f, v #>> '{}'));
        ELSE
          keep := cur -> f;
        END IF;
        IF keep IS DISTINCT FROM v THEN
          lost := lost || jsonb_build_object('table', tbl, 'rowId', rid, 'field', f);
          INSERT INTO cc.conflicts (at, workstation_id, user_login, mutation_id, table_name, row_id, field, theirs, kept, base_version)
          VALUES (p_now, p_ws, u.login, p_mutation, tbl, rid, f, v, keep, base);
        END IF;
        IF keep IS DISTINCT FROM cur -> f THEN
          applied := applied || jsonb_build_object(f, keep);
          fields := fields || jsonb_build_object(f, jsonb_build_array(ver, p_ws));
        END IF;
        CONTINUE;
      END IF;
      applied := applied || jsonb_build_object(f, v);
      fields := fields || jsonb_build_object(f, jsonb_build_array(ver, p_ws));
    END LOOP;
    applied := applied || jsonb_build_object('version', ver, 'cc_fields', fields);
    list := (SELECT string_agg(format('%I', k), ', ') FROM jsonb_object_keys(applied) k);
    EXECUTE format('UPDATE cc.%I t SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::cc.%I, $1)) WHERE id = $2', tbl, list, list, tbl)
      USING applied, rid;
  END IF;
  INSERT INTO cc.log (txid, table_name, row_id) VALUES (pg_current_xact_id(), tbl, rid);
  RETURN lost;
END
$$;
--> statement-breakpoint

-- A batch of a workstation's outbox, mutation by mutation, each all or nothing. A mutation the
-- store already applied (its last outbox entry at or below the workstation's last) is answered
-- 'duplicate' and not applied again: resending after a crash or a timeout is safe.
-- p_mutations: [{ id, seq, rows: [{ table, rowId, op, baseVersion, changes }] }]
CREATE FUNCTION cc.push(p_ws text, p_ws_name text, p_mutations jsonb, p_now bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
  last bigint;
  m jsonb;
  r jsonb;
  lost jsonb;
  results jsonb := '[]';
BEGIN
  IF p_ws IS NULL OR length(p_ws) > 64 OR jsonb_typeof(p_mutations) <> 'array' THEN
    RAISE EXCEPTION 'A push names its workstation and sends an array of mutations.' USING ERRCODE = '22023';
  END IF;
  INSERT INTO cc.workstations (id, name) VALUES (p_ws, coalesce(p_ws_name, p_ws)) ON CONFLICT (id) DO NOTHING;
  -- One push at a time per workstation.
  SELECT last_seq INTO last FROM cc.workstations WHERE id = p_ws FOR UPDATE;
  FOR m IN SELECT value FROM jsonb_array_elements(p_mutations) LOOP
    IF (m ->> 'seq')::bigint <= last THEN
      results := results || jsonb_build_object('id', m ->> 'id', 'status', 'duplicate');
      CONTINUE;
    END IF;
    BEGIN
      lost := '[]';
      FOR r IN SELECT value FROM jsonb_array_elements(m -> 'rows') LOOP
        lost := lost || cc.apply_row(u, p_ws, m ->> 'id', r, p_now);
      END LOOP;
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

-- Changes after a cursor, in the log's order, only from transactions that have all ended: no
-- transaction older than the snapshot's xmin can still add an entry, so nothing is skipped.
-- Each entry brings the row as the store has it now (a later entry brings it again).
CREATE FUNCTION cc.pull(p_txid xid8, p_seq bigint, p_limit integer)
RETURNS TABLE (txid xid8, seq bigint, table_name text, row_id text, data jsonb)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
  e record;
BEGIN
  FOR e IN
    SELECT l.txid, l.seq, l.table_name, l.row_id FROM cc.log l
    WHERE (l.txid, l.seq) > (p_txid, p_seq) AND l.txid < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY l.txid, l.seq
    LIMIT least(greatest(p_limit, 1), 5000)
  LOOP
    txid := e.txid;
    seq := e.seq;
    table_name := e.table_name;
    row_id := e.row_id;
    EXECUTE format('SELECT to_jsonb(t) - ''cc_fields'' FROM cc.%I t WHERE id = $1', e.table_name) INTO data USING e.row_id;
    RETURN NEXT;
  END LOOP;
END
$$;
--> statement-breakpoint

-- What a workstation's pull reports back: where it is, and the last of its mutations applied.
CREATE FUNCTION cc.workstation(p_ws text, p_now bigint, p_pending bigint)
RETURNS TABLE (last_seq bigint, last_mutation_id text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
BEGIN
  UPDATE cc.workstations w SET last_pull_at = p_now, pending = p_pending, last_user = u.login WHERE w.id = p_ws;
  RETURN QUERY SELECT w.last_seq, w.last_mutation_id FROM cc.workstations w WHERE w.id = p_ws;
END
$$;
--> statement-breakpoint

-- The store's schema version, for the app to check on connect.
CREATE FUNCTION cc.version() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$ SELECT value FROM cc.meta WHERE key = 'schema' $$;
--> statement-breakpoint

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA cc FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cc.push(text, text, jsonb, bigint), cc.pull(xid8, bigint, integer), cc.workstation(text, bigint, bigint), cc.version() TO cc_user;

-- The store limits what each user reads and changes to their scope (docs/architecture.md
-- "Sync", shared/domain/permissions.ts SCOPES): a field technician's laptop receives only the
-- interventions they (or their teams) work on, with those interventions' clients, contacts,
-- assets and threads, and the store refuses changes to other interventions whatever the
-- workstation sends. And a workstation proves it is itself with a key of its own, so nobody can
-- push under its id and make its outbox look applied. And a user made (or a password reset) on
-- a workstation gets their store login from the push that carries it: as a SCRAM verifier, so
-- the store never sees the password. And document numbers come in blocks the store reserves
-- for each workstation, so numbering works offline and no number is ever given twice.

-- Which interventions a user reaches: their own override, else their role's default.
CREATE FUNCTION cc.scope_of(u cc.users) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
  SELECT coalesce(u.scope, (SELECT scope FROM cc.role_scopes WHERE role = u.role), 'own')
$$;
--> statement-breakpoint

-- Whether an intervention is within a user's scope: the same rule as the app's
-- (src/main/interventions/scope.ts): 'own' = they are its verifier, its operator or one of its
-- technicians; 'team' = also its team is theirs, or a technician on it shares a team with them.
CREATE FUNCTION cc.in_scope(u cc.users, p_intervention text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  sc text := cc.scope_of(u);
  person text := coalesce(u.person_id, '');
BEGIN
  IF sc = 'all' THEN
    RETURN true;
  END IF;
  RETURN EXISTS (
    SELECT 1 FROM cc.interventions i WHERE i.id = p_intervention AND (
      i.verifier_id = person OR i.taken_by_id = person
      OR EXISTS (SELECT 1 FROM cc.intervention_technicians t WHERE t.intervention_id = i.id AND t.person_id = person AND t.deleted_at IS NULL)
      OR (sc = 'team' AND (
        i.team_id IN (SELECT m.team_id FROM cc.team_members m WHERE m.person_id = person AND m.deleted_at IS NULL)
        OR EXISTS (SELECT 1 FROM cc.intervention_technicians t
                   JOIN cc.team_members a ON a.person_id = t.person_id AND a.deleted_at IS NULL
                   JOIN cc.team_members b ON b.team_id = a.team_id AND b.person_id = person AND b.deleted_at IS NULL
                   WHERE t.intervention_id = i.id AND t.deleted_at IS NULL)))));
END
$$;
--> statement-breakpoint

-- Whether a row (as the store has it) may reach the user. Interventions and their threads follow
-- the scope; clients, their contacts and assets go with the interventions in scope; the rest
-- (people, teams, request types, series, catalogue) is what every workstation needs to work.
CREATE FUNCTION cc.visible(u cc.users, p_table text, r jsonb) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
BEGIN
  IF cc.scope_of(u) = 'all' THEN
    RETURN true;
  END IF;
  CASE p_table
    WHEN 'interventions' THEN
      RETURN cc.in_scope(u, r ->> 'id');
    WHEN 'intervention_technicians', 'intervention_messages', 'message_mentions' THEN
      RETURN cc.in_scope(u, r ->> 'intervention_id');
    WHEN 'clients' THEN
      RETURN EXISTS (SELECT 1 FROM cc.interventions i WHERE i.client_id = r ->> 'id' AND cc.in_scope(u, i.id));
    WHEN 'contact_persons', 'client_assets' THEN
      RETURN EXISTS (SELECT 1 FROM cc.interventions i WHERE i.client_id = r ->> 'client_id' AND cc.in_scope(u, i.id));
    WHEN 'attachments' THEN
      RETURN r ->> 'created_by' = u.id
        OR EXISTS (SELECT 1 FROM cc.intervention_messages m WHERE m.attachment_id = r ->> 'id' AND cc.in_scope(u, m.intervention_id));
    WHEN 'correspondence_register' THEN
      RETURN EXISTS (SELECT 1 FROM cc.intervention_messages m WHERE m.register_entry_id = r ->> 'id' AND cc.in_scope(u, m.intervention_id));
    ELSE
      RETURN true;
  END CASE;
END
$$;
--> statement-breakpoint

-- One store row as a pull hands it out (without the store's bookkeeping), or nothing.
CREATE FUNCTION cc.row_of(p_table text, p_id text) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  r jsonb;
BEGIN
  IF p_id IS NULL THEN
    RETURN NULL;
  END IF;
  EXECUTE format('SELECT to_jsonb(t) - ''cc_fields'' FROM cc.%I t WHERE id = $1', p_table) INTO r USING p_id;
  RETURN r;
END
$$;
--> statement-breakpoint

-- For a user with a narrowed scope, a visible row comes with what it needs around it, in an
-- order the workstation's foreign keys accept: an intervention with its client, contact and
-- asset before it and its technicians and thread after it (it may just have come into scope,
-- and their own log entries passed by while it was out of it); a message after its attachment
-- and register entry; a contact or asset after its client.
CREATE FUNCTION cc.with_related(p_table text, r jsonb)
RETURNS TABLE (table_name text, row_id text, data jsonb)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  x record;
  m jsonb;
BEGIN
  IF p_table = 'interventions' THEN
    FOR x IN SELECT * FROM (VALUES ('clients', r ->> 'client_id'), ('contact_persons', r ->> 'contact_person_id'), ('client_assets', r ->> 'asset_id')) v(t, id) WHERE v.id IS NOT NULL LOOP
      table_name := x.t; row_id := x.id; data := cc.row_of(x.t, x.id);
      IF data IS NOT NULL THEN RETURN NEXT; END IF;
    END LOOP;
    table_name := p_table; row_id := r ->> 'id'; data := r; RETURN NEXT;
    FOR x IN SELECT t.id FROM cc.intervention_technicians t WHERE t.intervention_id = r ->> 'id' ORDER BY t.id LOOP
      table_name := 'intervention_technicians'; row_id := x.id; data := cc.row_of('intervention_technicians', x.id); RETURN NEXT;
    END LOOP;
    FOR x IN SELECT mm.id FROM cc.intervention_messages mm WHERE mm.intervention_id = r ->> 'id' ORDER BY mm.id LOOP
      RETURN QUERY SELECT * FROM cc.with_related('intervention_messages', cc.row_of('intervention_messages', x.id));
    END LOOP;
    FOR x IN SELECT mn.id FROM cc.message_mentions mn WHERE mn.intervention_id = r ->> 'id' ORDER BY mn.id LOOP
      table_name := 'message_mentions'; row_id := x.id; data := cc.row_of('message_mentions', x.id); RETURN NEXT;
    END LOOP;
    RETURN;
  ELSIF p_table = 'intervention_messages' THEN
    FOR x IN SELECT * FROM (VALUES ('attachments', r ->> 'attachment_id'), ('correspondence_register', r ->> 'register_entry_id')) v(t, id) WHERE v.id IS NOT NULL LOOP
      table_name := x.t; row_id := x.id; data := cc.row_of(x.t, x.id);
      IF data IS NOT NULL THEN RETURN NEXT; END IF;
    END LOOP;
  ELSIF p_table IN ('contact_persons', 'client_assets') THEN
    m := cc.row_of('clients', r ->> 'client_id');
    IF m IS NOT NULL THEN
      table_name := 'clients'; row_id := r ->> 'client_id'; data := m; RETURN NEXT;
    END IF;
  END IF;
  table_name := p_table; row_id := r ->> 'id'; data := r; RETURN NEXT;
END
$$;
--> statement-breakpoint

DROP FUNCTION cc.pull(xid8, bigint, integer);
--> statement-breakpoint

-- Changes after a cursor, in the log's order, only from transactions that have all ended: no
-- transaction older than the snapshot's xmin can still add an entry, so nothing is skipped.
-- Each entry brings the row as the store has it now (a later entry brings it again). An entry
-- outside the user's scope comes as a bare position (empty table name, no data): the cursor
-- moves past it and nothing of the row is told.
CREATE FUNCTION cc.pull(p_txid xid8, p_seq bigint, p_limit integer)
RETURNS TABLE (txid xid8, seq bigint, table_name text, row_id text, data jsonb)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
  narrowed boolean := cc.scope_of(u) <> 'all';
  e record;
  r jsonb;
  x record;
BEGIN
  FOR e IN
    SELECT l.txid, l.seq, l.table_name, l.row_id FROM cc.log l
    WHERE (l.txid, l.seq) > (p_txid, p_seq) AND l.txid < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY l.txid, l.seq
    LIMIT least(greatest(p_limit, 1), 5000)
  LOOP
    txid := e.txid;
    seq := e.seq;
    r := cc.row_of(e.table_name, e.row_id);
    IF NOT narrowed THEN
      table_name := e.table_name; row_id := e.row_id; data := r;
      RETURN NEXT;
    ELSIF r IS NULL OR NOT cc.visible(u, e.table_name, r) THEN
      table_name := ''; row_id := ''; data := NULL;
      RETURN NEXT;
    ELSE
      FOR x IN SELECT * FROM cc.with_related(e.table_name, r) LOOP
        table_name := x.table_name; row_id := x.row_id; data := x.data;
        RETURN NEXT;
      END LOOP;
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint

-- Refuses a change to an intervention (or its technicians or thread) outside the user's scope.
-- An intervention the same push creates is the user's to fill in.
CREATE FUNCTION cc.check_scope(u cc.users, r jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  tbl text := r ->> 'table';
  rid text := r ->> 'rowId';
  moved text := r -> 'changes' ->> 'intervention_id';
  iid text;
  made text[] := string_to_array(coalesce(current_setting('cc.made', true), ''), ' ');
BEGIN
  IF cc.scope_of(u) = 'all' OR tbl NOT IN ('interventions', 'intervention_technicians', 'intervention_messages', 'message_mentions') THEN
    RETURN;
  END IF;
  IF tbl = 'interventions' THEN
    IF NOT EXISTS (SELECT 1 FROM cc.interventions WHERE id = rid) THEN
      PERFORM set_config('cc.made', array_to_string(made || rid, ' '), true);
      RETURN;
    END IF;
    iid := rid;
  ELSE
    EXECUTE format('SELECT intervention_id FROM cc.%I WHERE id = $1', tbl) INTO iid USING rid;
    IF moved IS NOT NULL AND moved IS DISTINCT FROM iid AND NOT (moved = ANY (made)) AND NOT cc.in_scope(u, moved) THEN
      RAISE EXCEPTION 'User % may not change intervention %: it is outside their scope.', u.login, moved USING ERRCODE = '42501';
    END IF;
    iid := coalesce(iid, moved);
  END IF;
  IF iid IS NULL OR iid = ANY (made) OR NOT EXISTS (SELECT 1 FROM cc.interventions WHERE id = iid) THEN
    RETURN;
  END IF;
  IF NOT cc.in_scope(u, iid) THEN
    RAISE EXCEPTION 'User % may not change intervention %: it is outside their scope.', u.login, iid USING ERRCODE = '42501';
  END IF;
END
$$;
--> statement-breakpoint

-- A workstation is known by its id and the hash of its key: the first contact records the key,
-- every later one must bring it.
CREATE FUNCTION cc.claim_workstation(p_ws text, p_key text, p_name text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  h text;
  have text;
  last bigint;
BEGIN
  IF p_ws IS NULL OR length(p_ws) > 64 OR p_key IS NULL OR length(p_key) < 16 OR length(p_key) > 200 THEN
    RAISE EXCEPTION 'A workstation names itself with an id and a key of 16 to 200 characters.' USING ERRCODE = '22023';
  END IF;
  h := encode(sha256(convert_to(p_key, 'UTF8')), 'hex');
  INSERT INTO cc.workstations (id, name, key_hash) VALUES (p_ws, coalesce(p_name, p_ws), h) ON CONFLICT (id) DO NOTHING;
  SELECT key_hash, last_seq INTO have, last FROM cc.workstations WHERE id = p_ws FOR UPDATE;
  IF have IS NULL THEN
    UPDATE cc.workstations SET key_hash = h WHERE id = p_ws;
  ELSIF have <> h THEN
    RAISE EXCEPTION 'The workstation id % belongs to another workstation.', p_ws USING ERRCODE = '42501';
  END IF;
  RETURN last;
END
$$;
--> statement-breakpoint

-- Gives a user their store login (a role in cc_user), or a new password, from a SCRAM-SHA-256
-- verifier made on the workstation (src/main/auth/password.ts storeVerifier). An administrator
-- may do it for anyone; a user for themself. Never for a role that is not a store login.
CREATE FUNCTION cc.set_login(u cc.users, p_user text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  who cc.users;
  role text;
BEGIN
  IF p_user IS DISTINCT FROM u.id AND NOT cc.may(u, 'admin', 'write') THEN
    RAISE EXCEPTION 'User % may not set another user''s password.', u.login USING ERRCODE = '42501';
  END IF;
  IF p_verifier IS NULL OR p_verifier !~ '^SCRAM-SHA-256\$[0-9]{4,7}:[A-Za-z0-9+/=]{16,64}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$' THEN
    RAISE EXCEPTION 'A store password comes as a SCRAM-SHA-256 verifier.' USING ERRCODE = '22023';
  END IF;
  SELECT * INTO who FROM cc.users WHERE id = p_user AND deleted_at IS NULL;
  IF NOT FOUND OR who.login !~ '^[A-Za-z0-9._-]{1,50}$' THEN
    RAISE EXCEPTION 'The store has no user % to give a login.', p_user USING ERRCODE = 'P0002';
  END IF;
  role := cc.role_of(who.login);
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role) THEN
    IF NOT pg_has_role(role, 'cc_user', 'MEMBER') OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role AND (rolsuper OR rolcreaterole)) THEN
      RAISE EXCEPTION 'The role % is not a store login.', role USING ERRCODE = '42501';
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', role, p_verifier);
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE cc_user', role, p_verifier);
  END IF;
END
$$;
--> statement-breakpoint

DROP FUNCTION cc.push(text, text, jsonb, bigint);
--> statement-breakpoint

-- A batch of a workstation's outbox, mutation by mutation, each all or nothing. A mutation the
-- store already applied (its last outbox entry at or below the workstation's last) is answered
-- 'duplicate' and not applied again: resending after a crash or a timeout is safe.
-- p_mutations: [{ id, seq, rows: [{ table, rowId, op, baseVersion, changes }] }]
CREATE FUNCTION cc.push(p_ws text, p_key text, p_ws_name text, p_mutations jsonb, p_now bigint) RETURNS jsonb
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
      FOR r IN SELECT value FROM jsonb_array_elements(m -> 'rows') LOOP
        PERFORM cc.check_scope(u, r);
        lost := lost || cc.apply_row(u, p_ws, m ->> 'id', r, p_now);
        -- A password set on the workstation: the user's store login follows, in the same mutation.
        IF r ->> 'table' = 'users' AND r -> 'changes' ? 'store_verifier' THEN
          PERFORM cc.set_login(u, r ->> 'rowId', r -> 'changes' ->> 'store_verifier');
        END IF;
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

DROP FUNCTION cc.workstation(text, bigint, bigint);
--> statement-breakpoint

-- What a workstation's pull reports back: where it is, and the last of its mutations applied.
CREATE FUNCTION cc.workstation(p_ws text, p_key text, p_now bigint, p_pending bigint)
RETURNS TABLE (last_seq bigint, last_mutation_id text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
BEGIN
  PERFORM cc.claim_workstation(p_ws, p_key, NULL);
  UPDATE cc.workstations w SET last_pull_at = p_now, pending = p_pending, last_user = u.login WHERE w.id = p_ws;
  RETURN QUERY SELECT w.last_seq, w.last_mutation_id FROM cc.workstations w WHERE w.id = p_ws;
END
$$;
--> statement-breakpoint

-- Numbers for a workstation to give, online or offline: a block of the series' next numbers,
-- taken from its counter under the series' row lock, so no two workstations ever hold the same
-- number. The counter moves only here now (a writer of interventions no longer pushes it).
CREATE FUNCTION cc.reserve_numbers(p_ws text, p_key text, p_series text, p_count integer, p_now bigint)
RETURNS TABLE (first_number bigint, last_number bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
  ser cc.series;
  n bigint;
  ver bigint;
BEGIN
  PERFORM cc.claim_workstation(p_ws, p_key, NULL);
  IF NOT cc.may(u, 'interventions', 'write') THEN
    RAISE EXCEPTION 'User % may not number documents.', u.login USING ERRCODE = '42501';
  END IF;
  IF p_count IS NULL OR p_count < 1 OR p_count > 1000 THEN
    RAISE EXCEPTION 'A block is 1 to 1000 numbers.' USING ERRCODE = '22023';
  END IF;
  SELECT * INTO ser FROM cc.series WHERE id = p_series AND deleted_at IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The store has no series %.', p_series USING ERRCODE = 'P0002';
  END IF;
  IF NOT ser.active THEN
    RAISE EXCEPTION 'The series % is not active.', ser.prefix USING ERRCODE = '22023';
  END IF;
  n := least(p_count, ser.end_number - ser.next_number + 1);
  IF n < 1 THEN
    RAISE EXCEPTION 'The series % has run out of numbers (it ends at %).', ser.prefix, ser.end_number USING ERRCODE = '22023';
  END IF;
  first_number := ser.next_number;
  last_number := ser.next_number + n - 1;
  ver := ser.version + 1;
  UPDATE cc.series SET next_number = last_number + 1, version = ver, updated_at = p_now,
    cc_fields = cc_fields || jsonb_build_object('next_number', jsonb_build_array(ver, p_ws))
    WHERE id = p_series;
  INSERT INTO cc.number_blocks (series_id, first, last, workstation_id, user_login, reserved_at)
    VALUES (p_series, first_number, last_number, p_ws, u.login, p_now);
  INSERT INTO cc.log (txid, table_name, row_id) VALUES (pg_current_xact_id(), 'series', p_series);
  PERFORM pg_notify('cc_changes', '');
  RETURN NEXT;
END
$$;
--> statement-breakpoint

UPDATE cc.write_rules SET counter_module = NULL, counter_fields = '{}' WHERE table_name = 'series';
--> statement-breakpoint

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA cc FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cc.push(text, text, text, jsonb, bigint), cc.pull(xid8, bigint, integer), cc.workstation(text, text, bigint, bigint), cc.reserve_numbers(text, text, text, integer, bigint), cc.version() TO cc_user;

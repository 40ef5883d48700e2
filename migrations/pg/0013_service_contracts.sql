CREATE TABLE "cc"."service_contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"name" text NOT NULL,
	"client_id" text NOT NULL,
	"contact_person_id" text,
	"asset_id" text,
	"object_text" text,
	"request_type_id" text NOT NULL,
	"team_id" text,
	"priority" bigint DEFAULT 2 NOT NULL,
	"rule" text NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text,
	"visit_time" text DEFAULT '09:00' NOT NULL,
	"duration_minutes" bigint DEFAULT 60 NOT NULL,
	"lead_days" bigint DEFAULT 7 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"generate_from" text NOT NULL,
	"notes" text,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cc"."interventions" ADD COLUMN "contract_occurrence" text;--> statement-breakpoint
CREATE INDEX "service_contracts_client_id" ON "cc"."service_contracts" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interventions_contract_occurrence" ON "cc"."interventions" USING btree ("contract_id","contract_occurrence");--> statement-breakpoint

-- Service contracts (src/main/contracts): written with the calendar's write right, read with their
-- client (a scoped user sees the contracts of the clients of their interventions).
INSERT INTO cc.write_rules (table_name, module, own_fields, counter_module, counter_fields) VALUES
  ('service_contracts', 'calendar', '{}', NULL, '{}');
--> statement-breakpoint
ALTER TABLE cc.service_contracts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY read_scope ON cc.service_contracts FOR SELECT TO cc_user
  USING ((SELECT cc.reads_all()) OR client_id IN (SELECT cc.my_rows('clients')));
--> statement-breakpoint
SELECT cc.grant_reads();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cc.visible(u cc.users, p_table text, r jsonb) RETURNS boolean
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
    WHEN 'contact_persons', 'client_assets', 'service_contracts' THEN
      RETURN EXISTS (SELECT 1 FROM cc.interventions i WHERE i.client_id = r ->> 'client_id' AND cc.in_scope(u, i.id));
    WHEN 'attachments' THEN
      RETURN r ->> 'created_by' = u.id
        OR EXISTS (SELECT 1 FROM cc.intervention_messages m WHERE m.attachment_id = r ->> 'id' AND cc.in_scope(u, m.intervention_id))
        OR EXISTS (SELECT 1 FROM cc.request_type_templates t WHERE t.attachment_id = r ->> 'id')
        OR EXISTS (SELECT 1 FROM cc.correspondence_register g JOIN cc.intervention_messages m ON m.register_entry_id = g.id
                   WHERE g.attachment_id = r ->> 'id' AND cc.in_scope(u, m.intervention_id));
    WHEN 'correspondence_register' THEN
      RETURN EXISTS (SELECT 1 FROM cc.intervention_messages m WHERE m.register_entry_id = r ->> 'id' AND cc.in_scope(u, m.intervention_id));
    ELSE
      RETURN true;
  END CASE;
END
$$;
--> statement-breakpoint

-- A contract's occurrence made on two workstations has one id (the occurrence's key) and is
-- pushed twice as an insert: the second is the same intervention, not a change to it. The store
-- keeps the one it has and logs it, so the second workstation pulls it over its own copy; no
-- field is reported lost. Otherwise as before (0001_functions.sql).
CREATE OR REPLACE FUNCTION cc.apply_row(u cc.users, p_ws text, p_mutation text, r jsonb, p_now bigint) RETURNS jsonb
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
  ELSIF op = 'insert' AND tbl = 'interventions' AND cur ->> 'contract_id' IS NOT NULL
      AND cur ->> 'contract_id' = ch ->> 'contract_id' AND cur ->> 'contract_occurrence' = ch ->> 'contract_occurrence' THEN
    NULL;
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

-- A new or reset workstation downloads the store with COPY (src/main/sync/bootstrap.ts) from one
-- consistent snapshot, instead of replaying the change log row by row. It reads the tables
-- directly as its user, so what each user may read is held by the tables themselves: row-level
-- security with the same scope as a pull (cc.visible), and no column the store keeps for itself
-- (cc_fields) or that stands in for a secret (password_hash).

-- Whether the calling user reads every row (scope 'all'): evaluated once per query by the
-- policies below (as an InitPlan), so reading everything costs no per-row check.
CREATE FUNCTION cc.reads_all() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
  SELECT cc.scope_of(cc.me()) = 'all'
$$;
--> statement-breakpoint

-- The interventions within the calling user's narrowed scope, as one set (cc.in_scope's rule for
-- one row, here for all at once): those they are verifier, operator or technician of, and with
-- scope 'team', their teams' and their teammates'.
CREATE FUNCTION cc.my_interventions() RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
  sc text := cc.scope_of(u);
  person text := coalesce(u.person_id, '');
BEGIN
  RETURN QUERY
    SELECT i.id FROM cc.interventions i WHERE i.verifier_id = person OR i.taken_by_id = person
    UNION SELECT t.intervention_id FROM cc.intervention_technicians t WHERE t.person_id = person AND t.deleted_at IS NULL
    UNION SELECT i.id FROM cc.interventions i
      WHERE sc = 'team' AND i.team_id IN (SELECT m.team_id FROM cc.team_members m WHERE m.person_id = person AND m.deleted_at IS NULL)
    UNION SELECT t.intervention_id FROM cc.intervention_technicians t
      JOIN cc.team_members a ON a.person_id = t.person_id AND a.deleted_at IS NULL
      JOIN cc.team_members b ON b.team_id = a.team_id AND b.person_id = person AND b.deleted_at IS NULL
      WHERE sc = 'team' AND t.deleted_at IS NULL;
END
$$;
--> statement-breakpoint

-- The ids of a table's rows that go with those interventions (cc.visible's rule): their clients;
-- the attachments of their threads and of those threads' register entries, the request type
-- templates' attachments, and the attachments the user made; the register entries of their threads.
CREATE FUNCTION cc.my_rows(p_table text) RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
BEGIN
  CASE p_table
    WHEN 'interventions' THEN
      RETURN QUERY SELECT cc.my_interventions();
    WHEN 'clients' THEN
      RETURN QUERY SELECT DISTINCT i.client_id FROM cc.interventions i WHERE i.id IN (SELECT cc.my_interventions());
    WHEN 'attachments' THEN
      RETURN QUERY SELECT a.id FROM cc.attachments a WHERE a.created_by = (cc.me()).id
        UNION SELECT x.attachment_id FROM cc.intervention_messages x
          WHERE x.intervention_id IN (SELECT cc.my_interventions()) AND x.attachment_id IS NOT NULL
        UNION SELECT t.attachment_id FROM cc.request_type_templates t WHERE t.attachment_id IS NOT NULL
        UNION SELECT g.attachment_id FROM cc.correspondence_register g JOIN cc.intervention_messages x ON x.register_entry_id = g.id
          WHERE x.intervention_id IN (SELECT cc.my_interventions()) AND g.attachment_id IS NOT NULL;
    WHEN 'correspondence_register' THEN
      RETURN QUERY SELECT x.register_entry_id FROM cc.intervention_messages x
        WHERE x.intervention_id IN (SELECT cc.my_interventions()) AND x.register_entry_id IS NOT NULL;
    ELSE
      RAISE EXCEPTION 'No scope rule for %.', p_table USING ERRCODE = '22023';
  END CASE;
END
$$;
--> statement-breakpoint

-- Lets users read every replicated table's columns but the store's own (and the password stand-in).
-- Run again by the migrate command after each migration, so a column added later is readable too.
CREATE FUNCTION cc.grant_reads() RETURNS void
LANGUAGE plpgsql SET search_path = cc, pg_temp AS $$
DECLARE
  t text;
  cols text;
BEGIN
  FOR t IN SELECT table_name FROM cc.write_rules ORDER BY table_name LOOP
    SELECT string_agg(format('%I', attname), ', ' ORDER BY attnum) INTO cols FROM pg_attribute
    WHERE attrelid = format('cc.%I', t)::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('cc_fields', 'password_hash');
    EXECUTE format('REVOKE ALL ON cc.%I FROM cc_user', t);
    EXECUTE format('GRANT SELECT (%s) ON cc.%I TO cc_user', cols, t);
  END LOOP;
END
$$;
--> statement-breakpoint

-- Each replicated table reads within the user's scope: the thread and technicians of the
-- interventions in it, the contacts and assets of its clients; the rest (people, teams, request
-- types, series, catalogue) is what every workstation needs to work.
DO $$
DECLARE
  t text;
  rule text;
BEGIN
  FOR t IN SELECT table_name FROM cc.write_rules ORDER BY table_name LOOP
    rule := CASE
      WHEN t IN ('interventions', 'clients', 'attachments', 'correspondence_register') THEN format('id IN (SELECT cc.my_rows(%L))', t)
      WHEN t IN ('intervention_technicians', 'intervention_messages', 'message_mentions') THEN 'intervention_id IN (SELECT cc.my_rows(''interventions''))'
      WHEN t IN ('contact_persons', 'client_assets') THEN 'client_id IN (SELECT cc.my_rows(''clients''))'
      ELSE 'true'
    END;
    EXECUTE format('ALTER TABLE cc.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY read_scope ON cc.%I FOR SELECT TO cc_user USING ((SELECT cc.reads_all()) OR %s)', t, rule);
  END LOOP;
END
$$;
--> statement-breakpoint

SELECT cc.grant_reads();
--> statement-breakpoint

-- The policies run these as the reading user; nothing else of the new ones is theirs to call.
REVOKE ALL ON FUNCTION cc.reads_all(), cc.my_interventions(), cc.my_rows(text), cc.grant_reads() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cc.reads_all(), cc.my_interventions(), cc.my_rows(text) TO cc_user;

-- File contents through the store (src/main/sync/file-sync.ts): a workstation uploads the bytes of
-- the attachments it made, part by part; the others download those of the attachments they may
-- read. Content-addressed: a file stored twice is kept once; its hash is checked when its last
-- part arrives, so nobody can put other bytes under an attachment's name. And cc.held_back, so a
-- workstation whose pull was held back by a transaction still running asks again soon.

-- Attachments follow what refers to them: a message's (in scope), a register entry's (in scope
-- through its message), a request type template's (everyone's, as request types are), and the
-- user's own.
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
    WHEN 'contact_persons', 'client_assets' THEN
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

-- The size of a part: big enough that a file takes few round trips, small enough to resume well.
CREATE FUNCTION cc.file_part_size() RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT 1048576 $$;
--> statement-breakpoint

-- Whether the calling user may have a file: some attachment with its hash is theirs to read.
CREATE FUNCTION cc.may_read_file(u cc.users, p_sha text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM cc.attachments a WHERE a.sha256 = p_sha AND a.deleted_at IS NULL AND cc.visible(u, 'attachments', to_jsonb(a)))
$$;
--> statement-breakpoint

-- What the store holds of files the user may have: the parts it has, and whether it is complete.
-- A hash the user may not have is left out (as if the store had nothing of it).
CREATE FUNCTION cc.file_state(p_shas text[])
RETURNS TABLE (sha256 text, parts integer, complete boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
BEGIN
  RETURN QUERY
    SELECT s.sha, (SELECT count(*)::integer FROM cc.file_parts p WHERE p.sha256 = s.sha), coalesce(f.complete, false)
    FROM unnest(p_shas) AS s(sha) LEFT JOIN cc.files f ON f.sha256 = s.sha
    WHERE cc.may_read_file(u, s.sha);
END
$$;
--> statement-breakpoint

-- One part of a file, uploaded by a user who may have it (an attachment of that hash and size in
-- the store, theirs or in their scope). Parts already there are left as they are (a resent part
-- is harmless). When the last part arrives the whole is checked against the hash: on a mismatch
-- none of its parts is kept. Answers 'partial', 'complete', or 'mismatch' (not an error, which
-- would keep the parts by undoing their removal).
CREATE FUNCTION cc.put_file_part(p_sha text, p_size bigint, p_part integer, p_data bytea, p_now bigint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
  psize integer := cc.file_part_size();
  total integer := greatest(1, ceil(p_size::numeric / psize)::integer);
  expected bigint;
  f cc.files;
BEGIN
  IF p_sha !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'Not a file hash: %.', left(p_sha, 80) USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM cc.attachments a WHERE a.sha256 = p_sha AND a.size = p_size AND a.deleted_at IS NULL) OR NOT cc.may_read_file(u, p_sha) THEN
    RAISE EXCEPTION 'User % has no attachment with this file.', u.login USING ERRCODE = '42501';
  END IF;
  IF p_part IS NULL OR p_part < 0 OR p_part >= total THEN
    RAISE EXCEPTION 'A file of % bytes has parts 0 to %, not %.', p_size, total - 1, p_part USING ERRCODE = '22023';
  END IF;
  expected := CASE WHEN p_part < total - 1 THEN psize ELSE p_size - psize::bigint * (total - 1) END;
  IF octet_length(p_data) <> expected THEN
    RAISE EXCEPTION 'Part % of this file has % bytes, not %.', p_part, expected, octet_length(p_data) USING ERRCODE = '22023';
  END IF;
  INSERT INTO cc.files (sha256, size, parts, uploaded_by, at) VALUES (p_sha, p_size, total, u.login, p_now) ON CONFLICT (sha256) DO NOTHING;
  -- One writer per file at a time: the last part's check sees every part.
  SELECT * INTO f FROM cc.files WHERE sha256 = p_sha FOR UPDATE;
  IF f.complete THEN
    RETURN 'complete';
  END IF;
  INSERT INTO cc.file_parts (sha256, part, data) VALUES (p_sha, p_part, p_data) ON CONFLICT DO NOTHING;
  IF (SELECT count(*) FROM cc.file_parts WHERE sha256 = p_sha) < total THEN
    RETURN 'partial';
  END IF;
  IF (SELECT encode(sha256(string_agg(data, ''::bytea ORDER BY part)), 'hex') FROM cc.file_parts WHERE sha256 = p_sha) <> p_sha THEN
    DELETE FROM cc.file_parts WHERE sha256 = p_sha;
    RETURN 'mismatch';
  END IF;
  UPDATE cc.files SET complete = true, at = p_now WHERE sha256 = p_sha;
  RETURN 'complete';
END
$$;
--> statement-breakpoint

-- One part of a complete file, for a user who may have it; null while the file is not complete.
CREATE FUNCTION cc.get_file_part(p_sha text, p_part integer) RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
BEGIN
  IF NOT cc.may_read_file(u, p_sha) THEN
    RAISE EXCEPTION 'User % may not have this file.', u.login USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM cc.files WHERE sha256 = p_sha AND complete) THEN
    RETURN NULL;
  END IF;
  RETURN (SELECT data FROM cc.file_parts WHERE sha256 = p_sha AND part = p_part);
END
$$;
--> statement-breakpoint

REVOKE ALL ON FUNCTION cc.file_part_size(), cc.may_read_file(cc.users, text), cc.file_state(text[]), cc.put_file_part(text, bigint, integer, bytea, bigint),
  cc.get_file_part(text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cc.file_part_size(), cc.file_state(text[]), cc.put_file_part(text, bigint, integer, bytea, bigint), cc.get_file_part(text, integer) TO cc_user;
--> statement-breakpoint

-- Whether the log holds committed entries after a cursor that a pull could not hand out yet
-- (a transaction older than them is still running somewhere in the cluster): the workstation
-- asks again in a moment rather than at its next poll. Tells nothing but yes or no.
CREATE FUNCTION cc.held_back(p_txid xid8, p_seq bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM cc.log l WHERE (l.txid, l.seq) > (p_txid, p_seq) AND l.txid >= pg_snapshot_xmin(pg_current_snapshot()))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION cc.held_back(xid8, bigint) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cc.held_back(xid8, bigint) TO cc_user;

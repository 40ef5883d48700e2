-- What a workstation shows its users about the store (docs/architecture.md "Sync"): the values
-- that lost to an earlier write, for their author to review and re-apply (an administrator sees
-- everyone's), and the workstations the store knows, for the Administration's store page.

-- Conflicts the user may review: their own, or everyone's for an administrator; the open ones,
-- or all, newest first.
CREATE FUNCTION cc.conflicts_for_me(p_all boolean, p_limit integer)
RETURNS TABLE (id bigint, at bigint, workstation_id text, workstation_name text, user_login text, table_name text, row_id text, field text, theirs jsonb, kept jsonb, resolved_at bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
  everyone boolean := cc.may(u, 'admin', 'read');
BEGIN
  RETURN QUERY
    SELECT c.id, c.at, c.workstation_id, w.name, c.user_login, c.table_name, c.row_id, c.field, c.theirs, c.kept, c.resolved_at
    FROM cc.conflicts c LEFT JOIN cc.workstations w ON w.id = c.workstation_id
    WHERE (everyone OR c.user_login = u.login) AND (p_all OR c.resolved_at IS NULL)
    ORDER BY c.id DESC
    LIMIT least(greatest(p_limit, 1), 1000);
END
$$;
--> statement-breakpoint

-- Marks a conflict reviewed (re-applied or left as the store kept it): its author's, or any for
-- an administrator. Answers whether it was open.
CREATE FUNCTION cc.resolve_conflict(p_id bigint, p_now bigint) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
  c cc.conflicts;
BEGIN
  SELECT * INTO c FROM cc.conflicts WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The store has no conflict %.', p_id USING ERRCODE = 'P0002';
  END IF;
  IF c.user_login IS DISTINCT FROM u.login AND NOT cc.may(u, 'admin', 'write') THEN
    RAISE EXCEPTION 'User % may not resolve another user''s conflict.', u.login USING ERRCODE = '42501';
  END IF;
  IF c.resolved_at IS NOT NULL THEN
    RETURN false;
  END IF;
  UPDATE cc.conflicts SET resolved_at = p_now WHERE id = p_id;
  RETURN true;
END
$$;
--> statement-breakpoint

-- The workstations the store knows (never their keys), for administrators.
CREATE FUNCTION cc.workstations_list()
RETURNS TABLE (id text, name text, last_seq bigint, last_user text, last_push_at bigint, last_pull_at bigint, pending bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  u cc.users := cc.me();
BEGIN
  IF NOT cc.may(u, 'admin', 'read') THEN
    RAISE EXCEPTION 'User % may not see the store''s workstations.', u.login USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT w.id, w.name, w.last_seq, w.last_user, w.last_push_at, w.last_pull_at, w.pending
    FROM cc.workstations w
    ORDER BY greatest(coalesce(w.last_push_at, 0), coalesce(w.last_pull_at, 0)) DESC, w.id;
END
$$;
--> statement-breakpoint

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA cc FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cc.push(text, text, text, jsonb, bigint), cc.pull(xid8, bigint, integer), cc.workstation(text, text, bigint, bigint),
  cc.reserve_numbers(text, text, text, integer, bigint), cc.conflicts_for_me(boolean, integer), cc.resolve_conflict(bigint, bigint), cc.workstations_list(),
  cc.version() TO cc_user;

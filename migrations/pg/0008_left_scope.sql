-- Interventions that left a user's scope (they were taken off it, it went to another team) leave
-- their laptop too (src/main/sync/scope-leave.ts): a pull tells nothing of a row out of scope,
-- so the workstation asks which of those it holds are no longer the user's.

-- Which of these interventions the store holds that are outside the calling user's scope (none
-- for a user who reads everything). Ids the store does not know are not answered (a workstation's
-- own, not pushed yet).
CREATE FUNCTION cc.left_scope(p_ids text[]) RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = cc, pg_temp AS $$
BEGIN
  IF cc.reads_all() THEN
    RETURN;
  END IF;
  RETURN QUERY
    SELECT i.id FROM cc.interventions i
    WHERE i.id = ANY (p_ids) AND i.id NOT IN (SELECT cc.my_interventions());
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION cc.left_scope(text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cc.left_scope(text[]) TO cc_user;

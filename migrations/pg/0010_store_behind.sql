-- The next transaction id the store will give: a workstation whose cursor is at or past it holds
-- changes the store no longer has (it was restored from a backup), and pulls everything again
-- (src/main/sync/sync-service.ts), since the ids after the restore may be given a second time.
CREATE FUNCTION cc.next_txid() RETURNS xid8
LANGUAGE sql STABLE AS $$ SELECT pg_snapshot_xmax(pg_current_snapshot()) $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION cc.next_txid() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cc.next_txid() TO cc_user;

-- One workstation at a time reads the shared mailbox (main/mail/watcher.ts): a lease per mailbox,
-- renewed by its holder while it reads and taken over by another once it has run out (its holder
-- stopped or lost the store). The store's clock decides, so workstations' clocks may disagree.
-- Any user of the store may hold it: the watcher works for the workstation, whoever logged in.
-- The holder records how far it read (the folder's UIDVALIDITY and the last UID it took), so the
-- workstation that takes over goes on from there instead of reading the folder again.
CREATE TABLE cc.mail_leases (
  mailbox text PRIMARY KEY,
  workstation_id text NOT NULL,
  until bigint NOT NULL,
  uid_validity text,
  last_uid bigint NOT NULL DEFAULT 0
);
--> statement-breakpoint
REVOKE ALL ON cc.mail_leases FROM PUBLIC;
--> statement-breakpoint
CREATE FUNCTION cc.take_mail_lease(p_ws text, p_key text, p_mailbox text, p_ms bigint, p_uid_validity text, p_last_uid bigint)
RETURNS TABLE (ok boolean, uid_validity text, last_uid bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
DECLARE
  now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
  held boolean;
BEGIN
  PERFORM cc.claim_workstation(p_ws, p_key, NULL);
  IF p_mailbox IS NULL OR length(p_mailbox) = 0 OR length(p_mailbox) > 600 OR p_ms IS NULL OR p_ms < 1000 OR p_ms > 3600000 THEN
    RAISE EXCEPTION 'A mail lease names a mailbox and lasts from 1 s to 1 h.' USING ERRCODE = '22023';
  END IF;
  INSERT INTO cc.mail_leases AS l (mailbox, workstation_id, until, uid_validity, last_uid) VALUES (p_mailbox, p_ws, now_ms + p_ms, p_uid_validity, coalesce(p_last_uid, 0))
    ON CONFLICT (mailbox) DO UPDATE SET workstation_id = excluded.workstation_id, until = excluded.until,
      -- The reading only moves forward within a folder; another UIDVALIDITY starts it over.
      uid_validity = coalesce(excluded.uid_validity, l.uid_validity),
      last_uid = CASE WHEN excluded.uid_validity IS NULL THEN l.last_uid
                      WHEN excluded.uid_validity IS DISTINCT FROM l.uid_validity THEN excluded.last_uid
                      ELSE greatest(l.last_uid, excluded.last_uid) END
    WHERE l.workstation_id = excluded.workstation_id OR l.until < now_ms;
  held := FOUND;
  RETURN QUERY SELECT held, m.uid_validity, m.last_uid FROM cc.mail_leases m WHERE m.mailbox = p_mailbox;
END
$$;
--> statement-breakpoint
-- Given back by its holder (its watcher stopped): run out at once, how far it read kept.
CREATE FUNCTION cc.release_mail_lease(p_ws text, p_key text, p_mailbox text, p_uid_validity text, p_last_uid bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = cc, pg_temp AS $$
BEGIN
  PERFORM cc.claim_workstation(p_ws, p_key, NULL);
  UPDATE cc.mail_leases l SET until = 0,
      uid_validity = coalesce(p_uid_validity, l.uid_validity),
      last_uid = CASE WHEN p_uid_validity IS NULL THEN l.last_uid
                      WHEN p_uid_validity IS DISTINCT FROM l.uid_validity THEN coalesce(p_last_uid, 0)
                      ELSE greatest(l.last_uid, coalesce(p_last_uid, 0)) END
    WHERE l.mailbox = p_mailbox AND l.workstation_id = p_ws;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION cc.take_mail_lease(text, text, text, bigint, text, bigint), cc.release_mail_lease(text, text, text, text, bigint) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION cc.take_mail_lease(text, text, text, bigint, text, bigint), cc.release_mail_lease(text, text, text, text, bigint) TO cc_user;

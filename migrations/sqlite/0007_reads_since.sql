ALTER TABLE `users` ADD `reads_since` integer;
--> statement-breakpoint
-- What was written before unread marks existed counts as read: nobody starts with the whole history unread.
UPDATE `users` SET `reads_since` = (SELECT max(`at`) FROM `intervention_messages`);

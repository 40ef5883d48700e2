CREATE TABLE `mail_inbox` (
	`id` text PRIMARY KEY NOT NULL,
	`uid_validity` text NOT NULL,
	`uid` integer NOT NULL,
	`message_id` text,
	`received_at` integer NOT NULL,
	`sent_at` integer,
	`from_address` text DEFAULT '' NOT NULL,
	`from_name` text DEFAULT '' NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`quoted` text DEFAULT '' NOT NULL,
	`html` text,
	`size` integer NOT NULL,
	`attachment_ids` text DEFAULT '[]' NOT NULL,
	`status` text NOT NULL,
	`matched_by` text,
	`intervention_id` text,
	`note` text
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_inbox_uid` ON `mail_inbox` (`uid_validity`,`uid`);--> statement-breakpoint
CREATE INDEX `mail_inbox_message_id` ON `mail_inbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `mail_inbox_status` ON `mail_inbox` (`status`,`received_at`);--> statement-breakpoint
CREATE TABLE `mail_watch` (
	`id` text PRIMARY KEY NOT NULL,
	`host` text NOT NULL,
	`port` integer NOT NULL,
	`security` text NOT NULL,
	`user` text NOT NULL,
	`password_sealed` text,
	`folder` text DEFAULT 'INBOX' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	`uid_validity` text,
	`last_uid` integer DEFAULT 0 NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`checked_at` integer,
	`last_error` text
) STRICT;
--> statement-breakpoint
CREATE INDEX `clients_email` ON `clients` (lower("email")) WHERE "clients"."email" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `contact_persons_email` ON `contact_persons` (lower("email")) WHERE "contact_persons"."email" IS NOT NULL;
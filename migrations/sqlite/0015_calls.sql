CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`number` text NOT NULL,
	`e164` text,
	`client_id` text,
	`contact_person_id` text,
	`user_id` text NOT NULL,
	`sip_call_id` text,
	`started_at` integer NOT NULL,
	`answered_at` integer,
	`ended_at` integer,
	`outcome` text NOT NULL,
	`intervention_id` text,
	`handled_at` integer,
	`handled_by` text
) STRICT;
--> statement-breakpoint
CREATE INDEX `calls_started` ON `calls` (`started_at`);--> statement-breakpoint
CREATE INDEX `calls_client` ON `calls` (`client_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `calls_intervention` ON `calls` (`intervention_id`);--> statement-breakpoint
CREATE INDEX `calls_missed` ON `calls` (`outcome`,`handled_at`);--> statement-breakpoint
CREATE TABLE `sip_accounts` (
	`user_id` text PRIMARY KEY NOT NULL,
	`ws_url` text NOT NULL,
	`sip_uri` text NOT NULL,
	`auth_user` text NOT NULL,
	`realm` text DEFAULT '' NOT NULL,
	`display_name` text DEFAULT '' NOT NULL,
	`ice_servers` text DEFAULT '[]' NOT NULL,
	`ice_timeout_ms` integer DEFAULT 1500 NOT NULL,
	`password_sealed` text,
	`updated_at` integer NOT NULL
) STRICT;

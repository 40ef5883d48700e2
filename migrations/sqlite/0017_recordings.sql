CREATE TABLE `recording_pauses` (
	`recording_id` text NOT NULL,
	`paused_at` integer NOT NULL,
	`resumed_at` integer,
	`user_id` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `recording_pauses_recording` ON `recording_pauses` (`recording_id`,`paused_at`);--> statement-breakpoint
CREATE TABLE `recordings` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`user_id` text NOT NULL,
	`mime_type` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`duration_ms` integer,
	`paused_at` integer,
	`paused_ms` integer DEFAULT 0 NOT NULL,
	`next_seq` integer DEFAULT 0 NOT NULL,
	`size_bytes` integer DEFAULT 0 NOT NULL,
	`sha256` text,
	`deleted_at` integer
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `recordings_call_id_unique` ON `recordings` (`call_id`);--> statement-breakpoint
CREATE INDEX `recordings_started` ON `recordings` (`started_at`);--> statement-breakpoint
CREATE INDEX `recordings_user` ON `recordings` (`user_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `recordings_status` ON `recordings` (`status`);
CREATE TABLE `recording_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`recording_id` text NOT NULL,
	`user_id` text NOT NULL,
	`at_ms` integer NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `recording_notes_recording` ON `recording_notes` (`recording_id`,`at_ms`);--> statement-breakpoint
CREATE TABLE `recording_scores` (
	`recording_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`ratings` text NOT NULL,
	`score` integer NOT NULL,
	`pass_mark` integer NOT NULL,
	`passed` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`scored_at` integer NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `recording_scores_score` ON `recording_scores` (`score`);
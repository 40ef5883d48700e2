CREATE TABLE `saved_views` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`user_id` text NOT NULL,
	`module` text NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `saved_views_user` ON `saved_views` (`user_id`,`module`);--> statement-breakpoint
DROP INDEX `interventions_doc_date`;--> statement-breakpoint
DROP INDEX `interventions_client`;--> statement-breakpoint
DROP INDEX `interventions_status`;--> statement-breakpoint
DROP INDEX `interventions_planned_start`;--> statement-breakpoint
DROP INDEX `interventions_taken_by`;--> statement-breakpoint
DROP INDEX `interventions_verifier`;--> statement-breakpoint
ALTER TABLE `interventions` ADD `awaiting_reply` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `interventions_priority` ON `interventions` (`priority`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_planned_end` ON `interventions` (`planned_end`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_class1` ON `interventions` (`class1_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_class2` ON `interventions` (`class2_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_class3` ON `interventions` (`class3_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_number` ON `interventions` (`number`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_awaiting_reply` ON `interventions` (`awaiting_reply`) WHERE awaiting_reply = 1 AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_doc_date` ON `interventions` (`doc_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_client` ON `interventions` (`client_id`,`doc_date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_status` ON `interventions` (`status`,`priority`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_planned_start` ON `interventions` (`planned_start`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_taken_by` ON `interventions` (`taken_by_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `interventions_verifier` ON `interventions` (`verifier_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `favourites` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- Quick search of the interventions window (written by hand: drizzle-kit knows no FTS5).
-- Contentless, so the text is not stored twice; contentless_delete lets the service layer
-- replace a row's entry by rowid. remove_diacritics 2 makes "Stefan" find "Ștefan".
CREATE VIRTUAL TABLE `interventions_fts` USING fts5(
	client, object, notes, phone, number,
	content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);

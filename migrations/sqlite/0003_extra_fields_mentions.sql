CREATE TABLE `message_mentions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`message_id` text NOT NULL,
	`intervention_id` text NOT NULL,
	`person_id` text NOT NULL,
	`seen_at` integer,
	FOREIGN KEY (`message_id`) REFERENCES `intervention_messages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `personnel`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `message_mentions_person` ON `message_mentions` (`person_id`,`seen_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `message_mentions_pair` ON `message_mentions` (`message_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `request_type_fields` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`request_type_id` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`kind` text NOT NULL,
	`label_en` text NOT NULL,
	`label_ro` text NOT NULL,
	`label_pt_br` text NOT NULL,
	`label_ca` text NOT NULL,
	`options` text DEFAULT '[]' NOT NULL,
	`states` text DEFAULT '{}' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`request_type_id`) REFERENCES `request_types`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `request_type_fields_type` ON `request_type_fields` (`request_type_id`,`sequence`);--> statement-breakpoint
CREATE TABLE `request_type_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`request_type_id` text NOT NULL,
	`name` text NOT NULL,
	`attachment_id` text NOT NULL,
	`mode` text DEFAULT 'optional' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`request_type_id`) REFERENCES `request_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `request_type_templates_type` ON `request_type_templates` (`request_type_id`,`sequence`);--> statement-breakpoint
ALTER TABLE `interventions` ADD `extra` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `intervention_messages` ADD `template_id` text;
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`transport` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`login` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`rights` text DEFAULT '{}' NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`person_id` text,
	`active` integer DEFAULT true NOT NULL,
	`session_locked` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `personnel`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login` ON `users` (`login`);--> statement-breakpoint
CREATE TABLE `personnel` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`job_title` text,
	`email` text,
	`phone` text,
	`is_operator` integer DEFAULT false NOT NULL,
	`is_technician` integer DEFAULT false NOT NULL,
	`is_verifier` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `personnel_name` ON `personnel` (`name`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`team_id` text NOT NULL,
	`person_id` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `personnel`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_pair` ON `team_members` (`team_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `team_members_person` ON `team_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`leader_id` text,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`leader_id`) REFERENCES `personnel`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name` ON `teams` (`name`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`fiscal_code` text,
	`address` text,
	`locality` text,
	`county` text,
	`country` text NOT NULL,
	`commercial_zone` text,
	`phone` text,
	`work_phone` text,
	`email` text,
	`notes` text
) STRICT;
--> statement-breakpoint
CREATE INDEX `clients_name` ON `clients` (`name`);--> statement-breakpoint
CREATE INDEX `clients_fiscal_code` ON `clients` (`fiscal_code`);--> statement-breakpoint
CREATE INDEX `clients_phone` ON `clients` (`phone`);--> statement-breakpoint
CREATE INDEX `clients_work_phone` ON `clients` (`work_phone`);--> statement-breakpoint
CREATE TABLE `contact_persons` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`client_id` text NOT NULL,
	`name` text NOT NULL,
	`job_function` text,
	`role` text,
	`phone` text,
	`email` text,
	`preferred_contact` text DEFAULT 'any' NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `contact_persons_client` ON `contact_persons` (`client_id`);--> statement-breakpoint
CREATE INDEX `contact_persons_phone` ON `contact_persons` (`phone`);--> statement-breakpoint
CREATE TABLE `client_assets` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`client_id` text NOT NULL,
	`product_id` text NOT NULL,
	`serial` text,
	`lot` text,
	`invoice_number` text,
	`invoice_date` text,
	`notes` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `client_assets_client` ON `client_assets` (`client_id`);--> statement-breakpoint
CREATE INDEX `client_assets_serial` ON `client_assets` (`serial`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`unit` text DEFAULT 'pcs' NOT NULL,
	`active` integer DEFAULT true NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `products_code` ON `products` (`code`);--> statement-breakpoint
CREATE INDEX `products_name` ON `products` (`name`);--> statement-breakpoint
CREATE TABLE `request_types` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`parent_id` text,
	`depth` integer DEFAULT 1 NOT NULL,
	`code` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`name_en` text NOT NULL,
	`name_ro` text NOT NULL,
	`name_pt_br` text NOT NULL,
	`name_ca` text NOT NULL,
	`description` text,
	`responsible_team_id` text,
	`on_portal` integer DEFAULT false NOT NULL,
	`default_priority` integer DEFAULT 2 NOT NULL,
	FOREIGN KEY (`responsible_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `request_types_code` ON `request_types` (`code`);--> statement-breakpoint
CREATE INDEX `request_types_parent` ON `request_types` (`parent_id`,`sequence`);--> statement-breakpoint
CREATE TABLE `series` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`doc_type` text NOT NULL,
	`prefix` text NOT NULL,
	`next_number` integer DEFAULT 1 NOT NULL,
	`end_number` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `series_type_prefix` ON `series` (`doc_type`,`prefix`);--> statement-breakpoint
CREATE TABLE `working_periods` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`open` integer DEFAULT true NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `intervention_technicians` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`intervention_id` text NOT NULL,
	`person_id` text NOT NULL,
	`answer` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	`answered_at` integer,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `personnel`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `intervention_technicians_pair` ON `intervention_technicians` (`intervention_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `intervention_technicians_person` ON `intervention_technicians` (`person_id`);--> statement-breakpoint
CREATE TABLE `interventions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`series_id` text,
	`number` integer,
	`doc_date` text NOT NULL,
	`client_id` text NOT NULL,
	`contact_person_id` text,
	`request_type_id` text,
	`class1_id` text,
	`class2_id` text,
	`class3_id` text,
	`priority` integer DEFAULT 2 NOT NULL,
	`confirmed` integer DEFAULT false NOT NULL,
	`object_kind` text DEFAULT 'text' NOT NULL,
	`object_text` text,
	`product_id` text,
	`asset_id` text,
	`serial_lot` text,
	`verifier_id` text,
	`taken_by_id` text,
	`team_id` text,
	`planned_start` integer,
	`planned_end` integer,
	`status` text DEFAULT 'taken' NOT NULL,
	`finalized_at` integer,
	`resolution` text,
	`cancelled_at` integer,
	`cancel_reason` text,
	`valid` integer DEFAULT false NOT NULL,
	`notes` text,
	`contract_id` text,
	`estimate` text,
	`vehicle` text,
	`source` text DEFAULT 'phone' NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_person_id`) REFERENCES `contact_persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_type_id`) REFERENCES `request_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class1_id`) REFERENCES `request_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class2_id`) REFERENCES `request_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`class3_id`) REFERENCES `request_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `client_assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verifier_id`) REFERENCES `personnel`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`taken_by_id`) REFERENCES `personnel`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `interventions_series_number` ON `interventions` (`series_id`,`number`);--> statement-breakpoint
CREATE INDEX `interventions_doc_date` ON `interventions` (`doc_date`,`id`);--> statement-breakpoint
CREATE INDEX `interventions_client` ON `interventions` (`client_id`,`doc_date`);--> statement-breakpoint
CREATE INDEX `interventions_status` ON `interventions` (`status`,`priority`);--> statement-breakpoint
CREATE INDEX `interventions_planned_start` ON `interventions` (`planned_start`);--> statement-breakpoint
CREATE INDEX `interventions_taken_by` ON `interventions` (`taken_by_id`);--> statement-breakpoint
CREATE INDEX `interventions_verifier` ON `interventions` (`verifier_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime_type` text NOT NULL,
	`file_name` text NOT NULL,
	`created_by` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `attachments_sha256` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE TABLE `correspondence_register` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`number` text NOT NULL,
	`date` text NOT NULL,
	`direction` text NOT NULL,
	`party` text NOT NULL,
	`subject` text NOT NULL,
	`attachment_id` text,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `correspondence_register_number` ON `correspondence_register` (`number`);--> statement-breakpoint
CREATE INDEX `correspondence_register_date` ON `correspondence_register` (`date`);--> statement-breakpoint
CREATE TABLE `intervention_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`intervention_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text DEFAULT 'note' NOT NULL,
	`person_id` text,
	`body` text NOT NULL,
	`attachment_id` text,
	`register_entry_id` text,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `personnel`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`register_entry_id`) REFERENCES `correspondence_register`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `intervention_messages_thread` ON `intervention_messages` (`intervention_id`,`at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`user_id` text,
	`action` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`detail` text
) STRICT;
--> statement-breakpoint
CREATE INDEX `audit_log_row` ON `audit_log` (`table_name`,`row_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mutation_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`changes` text NOT NULL,
	`base_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`pushed_at` integer
) STRICT;
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`pushed_at`,`seq`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
) STRICT;

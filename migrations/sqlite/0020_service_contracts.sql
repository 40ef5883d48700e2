CREATE TABLE `service_contracts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`client_id` text NOT NULL,
	`contact_person_id` text,
	`asset_id` text,
	`object_text` text,
	`request_type_id` text NOT NULL,
	`team_id` text,
	`priority` integer DEFAULT 2 NOT NULL,
	`rule` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`visit_time` text DEFAULT '09:00' NOT NULL,
	`duration_minutes` integer DEFAULT 60 NOT NULL,
	`lead_days` integer DEFAULT 7 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`generate_from` text NOT NULL,
	`notes` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_person_id`) REFERENCES `contact_persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asset_id`) REFERENCES `client_assets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_type_id`) REFERENCES `request_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `service_contracts_client` ON `service_contracts` (`client_id`);--> statement-breakpoint
ALTER TABLE `interventions` ADD `contract_occurrence` text;--> statement-breakpoint
CREATE UNIQUE INDEX `interventions_contract_occurrence` ON `interventions` (`contract_id`,`contract_occurrence`) WHERE contract_id IS NOT NULL;
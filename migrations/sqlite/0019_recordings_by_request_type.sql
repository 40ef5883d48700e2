ALTER TABLE `request_types` ADD `record_calls` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `recordings` ADD `provisional` integer DEFAULT false NOT NULL;
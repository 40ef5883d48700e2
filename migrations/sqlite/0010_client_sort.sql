ALTER TABLE `interventions` ADD `client_sort` text;--> statement-breakpoint
CREATE INDEX `interventions_client_sort` ON `interventions` (`client_sort`) WHERE deleted_at IS NULL;
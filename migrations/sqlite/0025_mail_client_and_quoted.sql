ALTER TABLE `interventions` ADD `mail_client` integer;--> statement-breakpoint
ALTER TABLE `intervention_messages` ADD `quoted` text;
CREATE TABLE `message_reads` (
	`user_id` text NOT NULL,
	`intervention_id` text NOT NULL,
	`read_up_to` integer NOT NULL,
	PRIMARY KEY(`user_id`, `intervention_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `intervention_messages_at` ON `intervention_messages` (`at`);
DROP INDEX `team_members_pair`;--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_pair` ON `team_members` (`team_id`,`person_id`) WHERE deleted_at IS NULL;--> statement-breakpoint
DROP INDEX `intervention_technicians_pair`;--> statement-breakpoint
CREATE UNIQUE INDEX `intervention_technicians_pair` ON `intervention_technicians` (`intervention_id`,`person_id`) WHERE deleted_at IS NULL;
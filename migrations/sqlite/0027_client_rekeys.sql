CREATE TABLE `client_rekeys` (
	`client_id` text PRIMARY KEY NOT NULL,
	`after_rowid` integer NOT NULL
) STRICT;

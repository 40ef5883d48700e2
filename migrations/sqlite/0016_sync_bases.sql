CREATE TABLE `sync_bases` (
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`table_name`, `row_id`)
) STRICT;

CREATE TABLE `number_blocks` (
	`series_id` text NOT NULL,
	`first` integer NOT NULL,
	`last` integer NOT NULL,
	`next` integer NOT NULL,
	`reserved_at` integer NOT NULL,
	PRIMARY KEY(`series_id`, `first`)
) STRICT;

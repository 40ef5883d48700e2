CREATE TABLE `synced_files` (
	`sha256` text PRIMARY KEY NOT NULL
) STRICT;

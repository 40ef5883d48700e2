CREATE TABLE "cc"."file_parts" (
	"sha256" text NOT NULL,
	"part" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "file_parts_sha256_part_pk" PRIMARY KEY("sha256","part")
);
--> statement-breakpoint
CREATE TABLE "cc"."files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"parts" integer NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"uploaded_by" text,
	"at" bigint
);

CREATE SCHEMA "cc";
--> statement-breakpoint
CREATE TABLE "cc"."attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"file_name" text NOT NULL,
	"created_by" text,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."client_assets" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"client_id" text NOT NULL,
	"product_id" text NOT NULL,
	"serial" text,
	"lot" text,
	"invoice_number" text,
	"invoice_date" text,
	"notes" text,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."clients" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"fiscal_code" text,
	"address" text,
	"locality" text,
	"county" text,
	"country" text NOT NULL,
	"commercial_zone" text,
	"phone" text,
	"work_phone" text,
	"email" text,
	"notes" text,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."conflicts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"workstation_id" text NOT NULL,
	"user_login" text,
	"mutation_id" text NOT NULL,
	"table_name" text NOT NULL,
	"row_id" text NOT NULL,
	"field" text NOT NULL,
	"theirs" jsonb,
	"kept" jsonb,
	"base_version" bigint NOT NULL,
	"resolved_at" bigint
);
--> statement-breakpoint
CREATE TABLE "cc"."contact_persons" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"client_id" text NOT NULL,
	"name" text NOT NULL,
	"job_function" text,
	"role" text,
	"phone" text,
	"email" text,
	"preferred_contact" text DEFAULT 'any' NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."correspondence_register" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"number" text NOT NULL,
	"date" text NOT NULL,
	"direction" text NOT NULL,
	"party" text NOT NULL,
	"subject" text NOT NULL,
	"attachment_id" text,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."intervention_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"intervention_id" text NOT NULL,
	"at" bigint NOT NULL,
	"kind" text DEFAULT 'note' NOT NULL,
	"person_id" text,
	"body" text NOT NULL,
	"attachment_id" text,
	"register_entry_id" text,
	"template_id" text,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."intervention_technicians" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"intervention_id" text NOT NULL,
	"person_id" text NOT NULL,
	"answer" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"answered_at" bigint,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."interventions" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"series_id" text,
	"number" bigint,
	"doc_date" text NOT NULL,
	"client_id" text NOT NULL,
	"contact_person_id" text,
	"request_type_id" text,
	"class1_id" text,
	"class2_id" text,
	"class3_id" text,
	"priority" bigint DEFAULT 2 NOT NULL,
	"confirmed" boolean DEFAULT false NOT NULL,
	"object_kind" text DEFAULT 'text' NOT NULL,
	"object_text" text,
	"product_id" text,
	"asset_id" text,
	"serial_lot" text,
	"verifier_id" text,
	"taken_by_id" text,
	"team_id" text,
	"planned_start" bigint,
	"planned_end" bigint,
	"status" text DEFAULT 'taken' NOT NULL,
	"finalized_at" bigint,
	"resolution" text,
	"cancelled_at" bigint,
	"cancel_reason" text,
	"valid" boolean DEFAULT false NOT NULL,
	"notes" text,
	"contract_id" text,
	"estimate" text,
	"vehicle" text,
	"source" text DEFAULT 'phone' NOT NULL,
	"awaiting_reply" boolean DEFAULT false NOT NULL,
	"extra" text DEFAULT '{}' NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."log" (
	"txid" "xid8" NOT NULL,
	"seq" bigserial NOT NULL,
	"table_name" text NOT NULL,
	"row_id" text NOT NULL,
	CONSTRAINT "log_txid_seq_pk" PRIMARY KEY("txid","seq")
);
--> statement-breakpoint
CREATE TABLE "cc"."message_mentions" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"message_id" text NOT NULL,
	"intervention_id" text NOT NULL,
	"person_id" text NOT NULL,
	"seen_at" bigint,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."personnel" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"name" text NOT NULL,
	"job_title" text,
	"email" text,
	"phone" text,
	"is_operator" boolean DEFAULT false NOT NULL,
	"is_technician" boolean DEFAULT false NOT NULL,
	"is_verifier" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."products" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT 'pcs' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."request_type_fields" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"request_type_id" text NOT NULL,
	"sequence" bigint DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"label_en" text NOT NULL,
	"label_ro" text NOT NULL,
	"label_pt_br" text NOT NULL,
	"label_ca" text NOT NULL,
	"options" text DEFAULT '[]' NOT NULL,
	"states" text DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."request_type_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"request_type_id" text NOT NULL,
	"name" text NOT NULL,
	"attachment_id" text NOT NULL,
	"mode" text DEFAULT 'optional' NOT NULL,
	"sequence" bigint DEFAULT 0 NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."request_types" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"parent_id" text,
	"depth" bigint DEFAULT 1 NOT NULL,
	"code" text NOT NULL,
	"sequence" bigint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"name_en" text NOT NULL,
	"name_ro" text NOT NULL,
	"name_pt_br" text NOT NULL,
	"name_ca" text NOT NULL,
	"description" text,
	"responsible_team_id" text,
	"on_portal" boolean DEFAULT false NOT NULL,
	"default_priority" bigint DEFAULT 2 NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."saved_views" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"user_id" text NOT NULL,
	"module" text NOT NULL,
	"name" text NOT NULL,
	"definition" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."series" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"doc_type" text NOT NULL,
	"prefix" text NOT NULL,
	"next_number" bigint DEFAULT 1 NOT NULL,
	"end_number" bigint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."team_members" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"team_id" text NOT NULL,
	"person_id" text NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."teams" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"name" text NOT NULL,
	"leader_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."users" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"login" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"rights" text DEFAULT '{}' NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"person_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"session_locked" boolean DEFAULT false NOT NULL,
	"favourites" text DEFAULT '[]' NOT NULL,
	"reads_since" bigint,
	"start_page" text DEFAULT 'module' NOT NULL,
	"scope" text,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."working_periods" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"deleted_at" bigint,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"cc_fields" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cc"."workstations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_mutation_id" text,
	"last_user" text,
	"last_push_at" bigint,
	"last_pull_at" bigint,
	"pending" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "conflicts_open" ON "cc"."conflicts" USING btree ("resolved_at","id");--> statement-breakpoint
CREATE INDEX "log_row" ON "cc"."log" USING btree ("table_name","row_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_login" ON "cc"."users" USING btree ("login");
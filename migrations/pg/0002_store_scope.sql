CREATE TABLE "cc"."number_blocks" (
	"series_id" text NOT NULL,
	"first" bigint NOT NULL,
	"last" bigint NOT NULL,
	"workstation_id" text NOT NULL,
	"user_login" text NOT NULL,
	"reserved_at" bigint NOT NULL,
	CONSTRAINT "number_blocks_series_id_first_pk" PRIMARY KEY("series_id","first")
);
--> statement-breakpoint
CREATE TABLE "cc"."role_scopes" (
	"role" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cc"."workstations" ADD COLUMN "key_hash" text;--> statement-breakpoint
CREATE INDEX "client_assets_client_id" ON "cc"."client_assets" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "contact_persons_client_id" ON "cc"."contact_persons" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "intervention_messages_intervention_id" ON "cc"."intervention_messages" USING btree ("intervention_id");--> statement-breakpoint
CREATE INDEX "intervention_messages_attachment_id" ON "cc"."intervention_messages" USING btree ("attachment_id");--> statement-breakpoint
CREATE INDEX "intervention_messages_register_entry_id" ON "cc"."intervention_messages" USING btree ("register_entry_id");--> statement-breakpoint
CREATE INDEX "intervention_technicians_intervention_id" ON "cc"."intervention_technicians" USING btree ("intervention_id");--> statement-breakpoint
CREATE INDEX "intervention_technicians_person_id" ON "cc"."intervention_technicians" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interventions_series_number" ON "cc"."interventions" USING btree ("series_id","number");--> statement-breakpoint
CREATE INDEX "interventions_client_id" ON "cc"."interventions" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "interventions_team_id" ON "cc"."interventions" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "message_mentions_intervention_id" ON "cc"."message_mentions" USING btree ("intervention_id");--> statement-breakpoint
CREATE INDEX "team_members_person_id" ON "cc"."team_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "team_members_team_id" ON "cc"."team_members" USING btree ("team_id");
ALTER TABLE "cc"."intervention_messages" ADD COLUMN "quoted" text;--> statement-breakpoint
ALTER TABLE "cc"."interventions" ADD COLUMN "mail_client" boolean;
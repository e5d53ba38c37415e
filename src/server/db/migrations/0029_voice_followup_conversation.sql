CREATE TABLE "voice_followup_messages" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"followup_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voice_followup_messages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "voice_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"followup_due_days" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "voice_followups" ADD COLUMN "assigned_to" uuid;--> statement-breakpoint
ALTER TABLE "voice_followups" ADD COLUMN "reply_token" text;--> statement-breakpoint
ALTER TABLE "voice_followups" ADD COLUMN "reply_token_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voice_followup_messages" ADD CONSTRAINT "voice_followup_messages_org_id_followup_id_voice_followups_org_id_id_fk" FOREIGN KEY ("org_id","followup_id") REFERENCES "public"."voice_followups"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_settings" ADD CONSTRAINT "voice_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voice_followup_messages_org_id_followup_id_created_at_index" ON "voice_followup_messages" USING btree ("org_id","followup_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "voice_followups_reply_token_uq" ON "voice_followups" USING btree ("reply_token") WHERE "voice_followups"."reply_token" is not null;
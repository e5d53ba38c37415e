CREATE TABLE "best_practices" (
	"org_id" uuid NOT NULL,
	"extra_id" uuid NOT NULL,
	"why" text NOT NULL,
	"promoted_by" uuid NOT NULL,
	"promoted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "best_practices_org_id_extra_id_pk" PRIMARY KEY("org_id","extra_id")
);
--> statement-breakpoint
CREATE TABLE "conversation_notes" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_notes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "digest_deliveries" (
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "digest_deliveries_org_id_member_id_week_start_kind_pk" PRIMARY KEY("org_id","member_id","week_start","kind")
);
--> statement-breakpoint
CREATE TABLE "extra_comments" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"extra_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "extra_comments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "extra_thanks" (
	"org_id" uuid NOT NULL,
	"extra_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extra_thanks_org_id_extra_id_member_id_pk" PRIMARY KEY("org_id","extra_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "weekly_picks" (
	"org_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"extra_ids" uuid[] NOT NULL,
	"chosen_by" uuid NOT NULL,
	"chosen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "weekly_picks_org_id_team_id_week_start_pk" PRIMARY KEY("org_id","team_id","week_start")
);
--> statement-breakpoint
ALTER TABLE "extras" ADD COLUMN "in_feed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "extras" ADD COLUMN "occasion_tsv" "tsvector";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "digest_opt_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "member_comparison_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "member_comparison_by" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "works_council_agreed_on" date;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "works_council_note" text;--> statement-breakpoint
ALTER TABLE "best_practices" ADD CONSTRAINT "best_practices_org_id_extra_id_extras_org_id_id_fk" FOREIGN KEY ("org_id","extra_id") REFERENCES "public"."extras"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_notes" ADD CONSTRAINT "conversation_notes_org_id_member_id_members_org_id_id_fk" FOREIGN KEY ("org_id","member_id") REFERENCES "public"."members"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_notes" ADD CONSTRAINT "conversation_notes_org_id_manager_id_members_org_id_id_fk" FOREIGN KEY ("org_id","manager_id") REFERENCES "public"."members"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_comments" ADD CONSTRAINT "extra_comments_org_id_extra_id_extras_org_id_id_fk" FOREIGN KEY ("org_id","extra_id") REFERENCES "public"."extras"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_comments" ADD CONSTRAINT "extra_comments_org_id_member_id_members_org_id_id_fk" FOREIGN KEY ("org_id","member_id") REFERENCES "public"."members"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_thanks" ADD CONSTRAINT "extra_thanks_org_id_extra_id_extras_org_id_id_fk" FOREIGN KEY ("org_id","extra_id") REFERENCES "public"."extras"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extra_thanks" ADD CONSTRAINT "extra_thanks_org_id_member_id_members_org_id_id_fk" FOREIGN KEY ("org_id","member_id") REFERENCES "public"."members"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_picks" ADD CONSTRAINT "weekly_picks_org_id_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "best_practices_org_id_promoted_at_index" ON "best_practices" USING btree ("org_id","promoted_at");--> statement-breakpoint
CREATE INDEX "conversation_notes_org_id_member_id_created_at_index" ON "conversation_notes" USING btree ("org_id","member_id","created_at");--> statement-breakpoint
CREATE INDEX "digest_deliveries_status_claimed_at_index" ON "digest_deliveries" USING btree ("status","claimed_at");--> statement-breakpoint
CREATE INDEX "extra_comments_org_id_extra_id_created_at_index" ON "extra_comments" USING btree ("org_id","extra_id","created_at");--> statement-breakpoint
CREATE INDEX "extras_occasion_tsv_gin" ON "extras" USING gin ("occasion_tsv");
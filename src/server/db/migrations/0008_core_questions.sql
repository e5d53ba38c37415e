CREATE TABLE "campaign_actions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"question_id" uuid,
	"question_key" text,
	"group_key" text NOT NULL,
	"what" text NOT NULL,
	"owner_member_id" uuid,
	"owner_name" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"done_note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_actions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_answers" (
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"ballot_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"value" smallint,
	"text" text,
	CONSTRAINT "campaign_answers_org_id_campaign_id_ballot_id_question_id_pk" PRIMARY KEY("org_id","campaign_id","ballot_id","question_id"),
	CONSTRAINT "campaign_answers_one_kind" CHECK (("campaign_answers"."value" is null) <> ("campaign_answers"."text" is null)),
	CONSTRAINT "campaign_answers_value_ok" CHECK ("campaign_answers"."value" is null or "campaign_answers"."value" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "campaign_audience" (
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"level" text NOT NULL,
	"team_ids" uuid[] NOT NULL,
	"managed_team_ids" uuid[] NOT NULL,
	CONSTRAINT "campaign_audience_org_id_campaign_id_member_id_pk" PRIMARY KEY("org_id","campaign_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_ballots" (
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"ballot_key" text,
	CONSTRAINT "campaign_ballots_org_id_campaign_id_id_pk" PRIMARY KEY("org_id","campaign_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_participation" (
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"group_key" text NOT NULL,
	"status" text NOT NULL,
	"audience" integer,
	"respondents" integer,
	CONSTRAINT "campaign_participation_org_id_campaign_id_group_key_pk" PRIMARY KEY("org_id","campaign_id","group_key")
);
--> statement-breakpoint
CREATE TABLE "campaign_questions" (
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"question_key" text NOT NULL,
	"theme" text NOT NULL,
	"kind" text NOT NULL,
	"text" jsonb NOT NULL,
	"self_view" jsonb,
	CONSTRAINT "campaign_questions_org_id_campaign_id_id_pk" PRIMARY KEY("org_id","campaign_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_reminder_runs" (
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_reminder_runs_org_id_campaign_id_day_pk" PRIMARY KEY("org_id","campaign_id","day")
);
--> statement-breakpoint
CREATE TABLE "campaign_results" (
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"group_key" text NOT NULL,
	"status" text NOT NULL,
	"respondents" integer,
	"value_sum" integer,
	"counts" integer[],
	CONSTRAINT "campaign_results_org_id_campaign_id_question_id_group_key_pk" PRIMARY KEY("org_id","campaign_id","question_id","group_key")
);
--> statement-breakpoint
CREATE TABLE "campaign_texts" (
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"group_key" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "campaign_texts_org_id_campaign_id_question_id_group_key_position_pk" PRIMARY KEY("org_id","campaign_id","question_id","group_key","position")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"audience_all" boolean DEFAULT true NOT NULL,
	"audience_team_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"audience_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"reminder_days" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"min_group" smallint,
	"min_texts" smallint,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "campaigns_days_ok" CHECK ("campaigns"."closes_on" >= "campaigns"."opens_on")
);
--> statement-breakpoint
CREATE TABLE "mirror_answers" (
	"org_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"value" smallint NOT NULL,
	CONSTRAINT "mirror_answers_org_id_campaign_id_member_id_question_id_pk" PRIMARY KEY("org_id","campaign_id","member_id","question_id"),
	CONSTRAINT "mirror_answers_value_ok" CHECK ("mirror_answers"."value" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "org_questions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"theme" text NOT NULL,
	"kind" text NOT NULL,
	"text" jsonb NOT NULL,
	"self_view" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "org_questions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "results_min_group" smallint DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "results_min_texts" smallint DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "results_visibility" text DEFAULT 'own_groups' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_actions" ADD CONSTRAINT "campaign_actions_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_answers" ADD CONSTRAINT "campaign_answers_org_id_campaign_id_ballot_id_campaign_ballots_org_id_campaign_id_id_fk" FOREIGN KEY ("org_id","campaign_id","ballot_id") REFERENCES "public"."campaign_ballots"("org_id","campaign_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_answers" ADD CONSTRAINT "campaign_answers_org_id_campaign_id_question_id_campaign_questions_org_id_campaign_id_id_fk" FOREIGN KEY ("org_id","campaign_id","question_id") REFERENCES "public"."campaign_questions"("org_id","campaign_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_audience" ADD CONSTRAINT "campaign_audience_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_audience" ADD CONSTRAINT "campaign_audience_org_id_member_id_members_org_id_id_fk" FOREIGN KEY ("org_id","member_id") REFERENCES "public"."members"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_ballots" ADD CONSTRAINT "campaign_ballots_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participation" ADD CONSTRAINT "campaign_participation_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_questions" ADD CONSTRAINT "campaign_questions_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reminder_runs" ADD CONSTRAINT "campaign_reminder_runs_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_results" ADD CONSTRAINT "campaign_results_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_texts" ADD CONSTRAINT "campaign_texts_org_id_campaign_id_campaigns_org_id_id_fk" FOREIGN KEY ("org_id","campaign_id") REFERENCES "public"."campaigns"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mirror_answers" ADD CONSTRAINT "mirror_answers_org_id_campaign_id_question_id_campaign_questions_org_id_campaign_id_id_fk" FOREIGN KEY ("org_id","campaign_id","question_id") REFERENCES "public"."campaign_questions"("org_id","campaign_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_questions" ADD CONSTRAINT "org_questions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_actions_org_id_campaign_id_index" ON "campaign_actions" USING btree ("org_id","campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_actions_org_id_question_key_index" ON "campaign_actions" USING btree ("org_id","question_key");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_ballots_key_uq" ON "campaign_ballots" USING btree ("org_id","campaign_id","ballot_key");--> statement-breakpoint
CREATE INDEX "campaign_questions_org_id_question_key_index" ON "campaign_questions" USING btree ("org_id","question_key");--> statement-breakpoint
CREATE INDEX "campaigns_org_id_opens_on_index" ON "campaigns" USING btree ("org_id","opens_on");--> statement-breakpoint
CREATE INDEX "campaigns_due_idx" ON "campaigns" USING btree ("status","closes_on") WHERE "campaigns"."status" <> 'closed';--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_min_group_ok" CHECK ("organizations"."results_min_group" >= 3);--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_min_texts_ok" CHECK ("organizations"."results_min_texts" >= 3);
CREATE TABLE "customers" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"contact_person" text,
	"segment" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "handoff_day_sums" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"giver_team_id" uuid NOT NULL,
	"receiver_team_id" uuid NOT NULL,
	"handoffs" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "handoff_day_sums_org_id_day_giver_team_id_receiver_team_id_pk" PRIMARY KEY("org_id","day","giver_team_id","receiver_team_id")
);
--> statement-breakpoint
CREATE TABLE "promise_events" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"promise_id" uuid NOT NULL,
	"step_id" uuid,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promise_events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "promise_steps" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"promise_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text DEFAULT 'handoff' NOT NULL,
	"team_id" uuid NOT NULL,
	"receiver_team_id" uuid,
	"what" text NOT NULL,
	"due_date" date NOT NULL,
	"owner_member_id" uuid,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"done_on" date,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"sent_back_at" timestamp with time zone,
	"sent_back_by" uuid,
	"sent_back_reason" text,
	"reaction_text" text,
	"reaction_score" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promise_steps_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "promise_steps_score_ok" CHECK ("promise_steps"."reaction_score" is null or "promise_steps"."reaction_score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "promises" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"what" text NOT NULL,
	"due_date" date NOT NULL,
	"offering_id" uuid,
	"owner_team_id" uuid NOT NULL,
	"made_by" uuid NOT NULL,
	"maker_team_id" uuid,
	"breaches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"breach_reason" text,
	"conditions_met" text[] DEFAULT '{}'::text[] NOT NULL,
	"delivered_on" date,
	"delivered_by" uuid,
	"outcome" text,
	"renegotiations" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promises_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "step_ratings" (
	"org_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"giver_team_id" uuid NOT NULL,
	"receiver_team_id" uuid NOT NULL,
	"handoff_day" date NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"by" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "step_ratings_org_id_step_id_pk" PRIMARY KEY("org_id","step_id"),
	CONSTRAINT "step_ratings_score_ok" CHECK ("step_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "step_reminders" (
	"org_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"threshold" text NOT NULL,
	"member_id" uuid NOT NULL,
	"mail_status" text DEFAULT 'sending' NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"error" text,
	CONSTRAINT "step_reminders_org_id_step_id_threshold_member_id_pk" PRIMARY KEY("org_id","step_id","threshold","member_id")
);
--> statement-breakpoint
CREATE TABLE "team_scan_ratings" (
	"org_id" uuid NOT NULL,
	"quarter_start" date NOT NULL,
	"rater_team_id" uuid NOT NULL,
	"rated_team_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_scan_ratings_org_id_quarter_start_rater_team_id_rated_team_id_member_id_pk" PRIMARY KEY("org_id","quarter_start","rater_team_id","rated_team_id","member_id"),
	CONSTRAINT "team_scan_ratings_score_ok" CHECK ("team_scan_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_events" ADD CONSTRAINT "promise_events_org_id_promise_id_promises_org_id_id_fk" FOREIGN KEY ("org_id","promise_id") REFERENCES "public"."promises"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_steps" ADD CONSTRAINT "promise_steps_org_id_promise_id_promises_org_id_id_fk" FOREIGN KEY ("org_id","promise_id") REFERENCES "public"."promises"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promise_steps" ADD CONSTRAINT "promise_steps_org_id_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_org_id_owner_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","owner_team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_org_id_made_by_members_org_id_id_fk" FOREIGN KEY ("org_id","made_by") REFERENCES "public"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_ratings" ADD CONSTRAINT "step_ratings_org_id_step_id_promise_steps_org_id_id_fk" FOREIGN KEY ("org_id","step_id") REFERENCES "public"."promise_steps"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_reminders" ADD CONSTRAINT "step_reminders_org_id_step_id_promise_steps_org_id_id_fk" FOREIGN KEY ("org_id","step_id") REFERENCES "public"."promise_steps"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_scan_ratings" ADD CONSTRAINT "team_scan_ratings_org_id_rater_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","rater_team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_scan_ratings" ADD CONSTRAINT "team_scan_ratings_org_id_rated_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","rated_team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_org_name_idx" ON "customers" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE INDEX "handoff_day_sums_org_id_giver_team_id_day_index" ON "handoff_day_sums" USING btree ("org_id","giver_team_id","day");--> statement-breakpoint
CREATE INDEX "handoff_day_sums_org_id_receiver_team_id_day_index" ON "handoff_day_sums" USING btree ("org_id","receiver_team_id","day");--> statement-breakpoint
CREATE INDEX "promise_events_org_id_promise_id_at_index" ON "promise_events" USING btree ("org_id","promise_id","at");--> statement-breakpoint
CREATE INDEX "promise_steps_org_id_promise_id_position_index" ON "promise_steps" USING btree ("org_id","promise_id","position");--> statement-breakpoint
CREATE INDEX "promise_steps_org_id_team_id_due_date_index" ON "promise_steps" USING btree ("org_id","team_id","due_date");--> statement-breakpoint
CREATE INDEX "promise_steps_open_idx" ON "promise_steps" USING btree ("due_date") WHERE "promise_steps"."done_on" is null;--> statement-breakpoint
CREATE INDEX "promises_org_id_made_by_due_date_index" ON "promises" USING btree ("org_id","made_by","due_date");--> statement-breakpoint
CREATE INDEX "promises_org_id_owner_team_id_due_date_index" ON "promises" USING btree ("org_id","owner_team_id","due_date");--> statement-breakpoint
CREATE INDEX "promises_org_id_due_date_index" ON "promises" USING btree ("org_id","due_date");--> statement-breakpoint
CREATE INDEX "step_ratings_org_id_handoff_day_index" ON "step_ratings" USING btree ("org_id","handoff_day");--> statement-breakpoint
CREATE INDEX "step_reminders_mail_status_claimed_at_index" ON "step_reminders" USING btree ("mail_status","claimed_at");
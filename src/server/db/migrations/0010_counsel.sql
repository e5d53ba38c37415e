CREATE TABLE "need_supports" (
	"org_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_supports_org_id_need_id_member_id_pk" PRIMARY KEY("org_id","need_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"what" text NOT NULL,
	"for_whom" text NOT NULL,
	"why_now" text NOT NULL,
	"raised_by" uuid NOT NULL,
	"recognised_at" timestamp with time zone,
	"recognised_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposal_events" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"by" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"need_id" uuid,
	"proposal" text NOT NULL,
	"effect_customers" text NOT NULL,
	"effect_staff" text NOT NULL,
	"cost_cents" integer,
	"cost_note" text DEFAULT '' NOT NULL,
	"risks" text NOT NULL,
	"decision_wanted_by" date,
	"author_id" uuid NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "need_supports" ADD CONSTRAINT "need_supports_org_id_need_id_needs_org_id_id_fk" FOREIGN KEY ("org_id","need_id") REFERENCES "public"."needs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_events" ADD CONSTRAINT "proposal_events_org_id_proposal_id_proposals_org_id_id_fk" FOREIGN KEY ("org_id","proposal_id") REFERENCES "public"."proposals"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_org_id_need_id_needs_org_id_id_fk" FOREIGN KEY ("org_id","need_id") REFERENCES "public"."needs"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "needs_org_id_created_at_index" ON "needs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "proposal_events_org_id_proposal_id_at_index" ON "proposal_events" USING btree ("org_id","proposal_id","at");--> statement-breakpoint
CREATE INDEX "proposals_queue_idx" ON "proposals" USING btree ("org_id","queued_at") WHERE "proposals"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "proposals_org_id_author_id_index" ON "proposals" USING btree ("org_id","author_id");--> statement-breakpoint
CREATE INDEX "proposals_org_id_decided_at_index" ON "proposals" USING btree ("org_id","decided_at");
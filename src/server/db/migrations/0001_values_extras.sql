CREATE TABLE "extra_reactions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"extra_id" uuid NOT NULL,
	"reaction_text" text,
	"reaction_score" smallint,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extra_reactions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "extras" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"team_ids" uuid[] NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"occasion" text NOT NULL,
	"action" text NOT NULL,
	"kind" text NOT NULL,
	"cost_cents" integer NOT NULL,
	"minutes" integer NOT NULL,
	"value_ids" uuid[] NOT NULL,
	"customer_ref" text,
	"reaction_text" text,
	"reaction_score" smallint,
	"above_mandate" boolean DEFAULT false NOT NULL,
	"above_mandate_reason" text,
	"mandate_id" uuid,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"hidden_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extras_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "extras_cost_ok" CHECK ("extras"."cost_cents" >= 0),
	CONSTRAINT "extras_score_ok" CHECK ("extras"."reaction_score" is null or "extras"."reaction_score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "mandates" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"scope_type" text NOT NULL,
	"scope_key" text NOT NULL,
	"period" text NOT NULL,
	"budget_cents" integer NOT NULL,
	"max_per_extra_cents" integer NOT NULL,
	"allowed_kinds" text[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mandates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_org_id_member_id_key_pk" PRIMARY KEY("org_id","member_id","key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "core_values" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"behaviours" text[] NOT NULL,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_values_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "offerings" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"audience" text DEFAULT '' NOT NULL,
	"lead_time_days" integer,
	"conditions" text[] DEFAULT '{}' NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offerings_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "purposes" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"offer_summary" text DEFAULT '' NOT NULL,
	"audience" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "extra_reactions" ADD CONSTRAINT "extra_reactions_org_id_extra_id_extras_org_id_id_fk" FOREIGN KEY ("org_id","extra_id") REFERENCES "public"."extras"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extras" ADD CONSTRAINT "extras_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extras" ADD CONSTRAINT "extras_org_id_member_id_members_org_id_id_fk" FOREIGN KEY ("org_id","member_id") REFERENCES "public"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_values" ADD CONSTRAINT "core_values_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purposes" ADD CONSTRAINT "purposes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "extra_reactions_org_id_extra_id_index" ON "extra_reactions" USING btree ("org_id","extra_id");--> statement-breakpoint
CREATE INDEX "extras_org_id_member_id_occurred_at_index" ON "extras" USING btree ("org_id","member_id","occurred_at");--> statement-breakpoint
CREATE INDEX "extras_org_id_occurred_at_index" ON "extras" USING btree ("org_id","occurred_at");--> statement-breakpoint
CREATE INDEX "extras_team_ids_gin" ON "extras" USING gin ("team_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "mandates_scope_uq" ON "mandates" USING btree ("org_id","scope_type","scope_key");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_index" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "notifications_org_id_member_id_created_at_index" ON "notifications" USING btree ("org_id","member_id","created_at");--> statement-breakpoint
CREATE INDEX "core_values_org_id_position_index" ON "core_values" USING btree ("org_id","position");
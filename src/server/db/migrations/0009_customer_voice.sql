CREATE TABLE "customer_reactions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"extra_id" uuid,
	"promise_id" uuid,
	"touchpoint_id" uuid,
	"team_id" uuid,
	"member_id" uuid,
	"scale" text NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"language" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_reactions_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "customer_reactions_score_ok" CHECK (("customer_reactions"."scale" = 'agree5' and "customer_reactions"."score" between 1 and 5) or ("customer_reactions"."scale" = 'scale10' and "customer_reactions"."score" between 0 and 10))
);
--> statement-breakpoint
CREATE TABLE "touchpoints" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"scale" text DEFAULT 'agree5' NOT NULL,
	"team_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "touchpoints_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "voice_followups" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"reaction_id" uuid NOT NULL,
	"team_id" uuid,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voice_followups_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "voice_links" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"token" text NOT NULL,
	"subject" text NOT NULL,
	"extra_id" uuid,
	"promise_id" uuid,
	"touchpoint_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "voice_links_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "voice_links_one_subject" CHECK (num_nonnulls("voice_links"."extra_id", "voice_links"."promise_id", "voice_links"."touchpoint_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "extra_reactions" ADD COLUMN "source" text DEFAULT 'member' NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_reactions" ADD CONSTRAINT "customer_reactions_org_id_link_id_voice_links_org_id_id_fk" FOREIGN KEY ("org_id","link_id") REFERENCES "public"."voice_links"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_followups" ADD CONSTRAINT "voice_followups_org_id_reaction_id_customer_reactions_org_id_id_fk" FOREIGN KEY ("org_id","reaction_id") REFERENCES "public"."customer_reactions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_links" ADD CONSTRAINT "voice_links_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_reactions_tied_uq" ON "customer_reactions" USING btree ("link_id") WHERE "customer_reactions"."subject" <> 'touchpoint';--> statement-breakpoint
CREATE INDEX "customer_reactions_org_id_created_at_index" ON "customer_reactions" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_reactions_org_id_member_id_created_at_index" ON "customer_reactions" USING btree ("org_id","member_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "voice_followups_reaction_uq" ON "voice_followups" USING btree ("org_id","reaction_id");--> statement-breakpoint
CREATE INDEX "voice_followups_org_id_status_due_on_index" ON "voice_followups" USING btree ("org_id","status","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "voice_links_token_uq" ON "voice_links" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "voice_links_extra_uq" ON "voice_links" USING btree ("org_id","extra_id") WHERE "voice_links"."extra_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "voice_links_promise_uq" ON "voice_links" USING btree ("org_id","promise_id") WHERE "voice_links"."promise_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "voice_links_touchpoint_uq" ON "voice_links" USING btree ("org_id","touchpoint_id") WHERE "voice_links"."touchpoint_id" is not null and "voice_links"."revoked_at" is null;
CREATE TABLE "colleague_thanks" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"from_member_id" uuid NOT NULL,
	"from_team_id" uuid,
	"to_member_id" uuid,
	"to_team_id" uuid,
	"words" text NOT NULL,
	"value_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "colleague_thanks_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "colleague_thanks_one_target" CHECK (("colleague_thanks"."to_member_id" is null) <> ("colleague_thanks"."to_team_id" is null))
);
--> statement-breakpoint
ALTER TABLE "colleague_thanks" ADD CONSTRAINT "colleague_thanks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "colleague_thanks" ADD CONSTRAINT "colleague_thanks_org_id_from_member_id_members_org_id_id_fk" FOREIGN KEY ("org_id","from_member_id") REFERENCES "public"."members"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "colleague_thanks" ADD CONSTRAINT "colleague_thanks_org_id_to_member_id_members_org_id_id_fk" FOREIGN KEY ("org_id","to_member_id") REFERENCES "public"."members"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "colleague_thanks" ADD CONSTRAINT "colleague_thanks_org_id_from_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","from_team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "colleague_thanks" ADD CONSTRAINT "colleague_thanks_org_id_to_team_id_teams_org_id_id_fk" FOREIGN KEY ("org_id","to_team_id") REFERENCES "public"."teams"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "colleague_thanks" ADD CONSTRAINT "colleague_thanks_org_id_value_id_core_values_org_id_id_fk" FOREIGN KEY ("org_id","value_id") REFERENCES "public"."core_values"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "colleague_thanks_org_id_to_member_id_created_at_index" ON "colleague_thanks" USING btree ("org_id","to_member_id","created_at");--> statement-breakpoint
CREATE INDEX "colleague_thanks_org_id_to_team_id_created_at_index" ON "colleague_thanks" USING btree ("org_id","to_team_id","created_at");--> statement-breakpoint
CREATE INDEX "colleague_thanks_org_id_from_team_id_created_at_index" ON "colleague_thanks" USING btree ("org_id","from_team_id","created_at");--> statement-breakpoint
CREATE INDEX "colleague_thanks_org_id_created_at_index" ON "colleague_thanks" USING btree ("org_id","created_at");
CREATE TABLE "member_figure_views" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"viewer_id" uuid NOT NULL,
	"view" text NOT NULL,
	"team_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_figure_views_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "view_log_keep_days" smallint DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "member_figure_views" ADD CONSTRAINT "member_figure_views_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_figure_views" ADD CONSTRAINT "member_figure_views_org_id_member_id_members_org_id_id_fk" FOREIGN KEY ("org_id","member_id") REFERENCES "public"."members"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_figure_views" ADD CONSTRAINT "member_figure_views_org_id_viewer_id_members_org_id_id_fk" FOREIGN KEY ("org_id","viewer_id") REFERENCES "public"."members"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_figure_views_org_id_member_id_at_index" ON "member_figure_views" USING btree ("org_id","member_id","at");--> statement-breakpoint
CREATE INDEX "member_figure_views_at_idx" ON "member_figure_views" USING btree ("at");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_view_log_keep_days_ok" CHECK ("organizations"."view_log_keep_days" between 30 and 730);
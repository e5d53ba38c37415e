CREATE TABLE "step_comments" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"promise_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "step_comments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "step_comments" ADD CONSTRAINT "step_comments_org_id_step_id_promise_steps_org_id_id_fk" FOREIGN KEY ("org_id","step_id") REFERENCES "public"."promise_steps"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_comments" ADD CONSTRAINT "step_comments_org_id_author_id_members_org_id_id_fk" FOREIGN KEY ("org_id","author_id") REFERENCES "public"."members"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "step_comments_org_id_step_id_at_index" ON "step_comments" USING btree ("org_id","step_id","at");--> statement-breakpoint
CREATE INDEX "promise_steps_owner_idx" ON "promise_steps" USING btree ("org_id","owner_member_id") WHERE "promise_steps"."owner_member_id" is not null;
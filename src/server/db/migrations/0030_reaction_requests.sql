CREATE TABLE "reaction_requests" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"link_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"extra_id" uuid,
	"promise_id" uuid,
	"email" text,
	"language" text NOT NULL,
	"consent_by" uuid NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reaction_requests_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "reaction_requests_one_subject" CHECK (num_nonnulls("reaction_requests"."extra_id", "reaction_requests"."promise_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "reaction_requests" ADD CONSTRAINT "reaction_requests_org_id_link_id_voice_links_org_id_id_fk" FOREIGN KEY ("org_id","link_id") REFERENCES "public"."voice_links"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reaction_requests_extra_uq" ON "reaction_requests" USING btree ("org_id","extra_id") WHERE "reaction_requests"."extra_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "reaction_requests_promise_uq" ON "reaction_requests" USING btree ("org_id","promise_id") WHERE "reaction_requests"."promise_id" is not null;--> statement-breakpoint
CREATE INDEX "reaction_requests_email_idx" ON "reaction_requests" USING btree ("created_at") WHERE "reaction_requests"."email" is not null;
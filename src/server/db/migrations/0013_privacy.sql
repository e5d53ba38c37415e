ALTER TABLE "members" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "contact_keep_days" smallint DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "customer_keep_days" smallint DEFAULT 730 NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "pseudonymised_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "extras_customer_ref_idx" ON "extras" USING btree ("occurred_at") WHERE "extras"."customer_ref" is not null;--> statement-breakpoint
CREATE INDEX "promises_org_id_customer_id_index" ON "promises" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "customer_reactions_contact_idx" ON "customer_reactions" USING btree ("created_at") WHERE "customer_reactions"."contact_name" is not null or "customer_reactions"."contact_email" is not null or "customer_reactions"."contact_phone" is not null;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_contact_keep_days_ok" CHECK ("organizations"."contact_keep_days" between 7 and 730);--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_customer_keep_days_ok" CHECK ("organizations"."customer_keep_days" between 30 and 3650);
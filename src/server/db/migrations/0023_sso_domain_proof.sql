DROP INDEX "sso_domains_domain_uq";--> statement-breakpoint
ALTER TABLE "sso_domains" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "sso_domains_proven_uq" ON "sso_domains" USING btree ("domain") WHERE "sso_domains"."verified_at" is not null;
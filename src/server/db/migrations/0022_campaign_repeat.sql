ALTER TABLE "campaigns" ADD COLUMN "repeat" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "series_id" uuid;--> statement-breakpoint
CREATE INDEX "campaigns_org_id_series_id_index" ON "campaigns" USING btree ("org_id","series_id");
ALTER TABLE "extras" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "extras" ADD COLUMN "request_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "extras_idempotency_key_uq" ON "extras" USING btree ("org_id","member_id","idempotency_key") WHERE "extras"."idempotency_key" is not null;
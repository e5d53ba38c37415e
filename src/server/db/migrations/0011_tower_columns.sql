ALTER TABLE "extra_day_sums" ADD COLUMN "cost_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "extra_day_sums" ADD COLUMN "above_mandate" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "promises" ADD COLUMN "late_handoffs" integer DEFAULT 0 NOT NULL;
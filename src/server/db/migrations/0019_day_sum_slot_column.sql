ALTER TABLE "extra_day_sums" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "extra_day_value_sums" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "extra_day_word_sums" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;
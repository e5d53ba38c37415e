ALTER TABLE "extra_day_sums" DROP CONSTRAINT "extra_day_sums_org_id_day_kind_band_pk";--> statement-breakpoint
ALTER TABLE "extra_day_value_sums" DROP CONSTRAINT "extra_day_value_sums_org_id_day_value_id_pk";--> statement-breakpoint
ALTER TABLE "extra_day_word_sums" DROP CONSTRAINT "extra_day_word_sums_org_id_day_word_pk";--> statement-breakpoint
ALTER TABLE "extra_day_sums" ADD CONSTRAINT "extra_day_sums_org_id_day_kind_band_slot_pk" PRIMARY KEY("org_id","day","kind","band","slot");--> statement-breakpoint
ALTER TABLE "extra_day_value_sums" ADD CONSTRAINT "extra_day_value_sums_org_id_day_value_id_slot_pk" PRIMARY KEY("org_id","day","value_id","slot");--> statement-breakpoint
ALTER TABLE "extra_day_word_sums" ADD CONSTRAINT "extra_day_word_sums_org_id_day_word_slot_pk" PRIMARY KEY("org_id","day","word","slot");
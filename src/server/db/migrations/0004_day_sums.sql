CREATE TABLE "extra_day_sums" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"band" text NOT NULL,
	"extras" integer DEFAULT 0 NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"sum" integer DEFAULT 0 NOT NULL,
	"sum_sq" integer DEFAULT 0 NOT NULL,
	"positives" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "extra_day_sums_org_id_day_kind_band_pk" PRIMARY KEY("org_id","day","kind","band")
);
--> statement-breakpoint
CREATE TABLE "extra_day_value_sums" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"value_id" uuid NOT NULL,
	"extras" integer DEFAULT 0 NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"sum" integer DEFAULT 0 NOT NULL,
	"sum_sq" integer DEFAULT 0 NOT NULL,
	"positives" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "extra_day_value_sums_org_id_day_value_id_pk" PRIMARY KEY("org_id","day","value_id")
);
--> statement-breakpoint
CREATE TABLE "extra_day_word_sums" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"word" text NOT NULL,
	"extras" integer DEFAULT 0 NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"sum" integer DEFAULT 0 NOT NULL,
	"sum_sq" integer DEFAULT 0 NOT NULL,
	"positives" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "extra_day_word_sums_org_id_day_word_pk" PRIMARY KEY("org_id","day","word")
);

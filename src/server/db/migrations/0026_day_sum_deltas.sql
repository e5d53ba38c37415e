CREATE TABLE "extra_day_deltas" (
	"org_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "extra_day_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"band" text NOT NULL,
	"value_ids" uuid[] NOT NULL,
	"words" text[] NOT NULL,
	"sign" smallint NOT NULL,
	"reaction_score" smallint,
	"cost_cents" integer NOT NULL,
	"above_mandate" boolean NOT NULL,
	CONSTRAINT "extra_day_deltas_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
DROP INDEX "customer_reactions_tied_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "customer_reactions_tied_uq" ON "customer_reactions" USING btree ("org_id","link_id") WHERE "customer_reactions"."subject" <> 'touchpoint';
ALTER TABLE "campaigns" ADD COLUMN "response_on" date;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "response_step" smallint;
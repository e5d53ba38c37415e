ALTER TABLE "invitations" ADD COLUMN "mailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "setup_skipped" text[] DEFAULT '{}'::text[] NOT NULL;
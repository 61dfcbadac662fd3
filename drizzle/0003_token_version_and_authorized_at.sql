ALTER TABLE "tiktok_accounts" ADD COLUMN "token_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tiktok_accounts" ADD COLUMN "authorized_at" timestamp with time zone;
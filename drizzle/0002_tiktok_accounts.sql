CREATE TYPE "public"."tiktok_account_kind" AS ENUM('creator', 'business', 'ads');--> statement-breakpoint
CREATE TYPE "public"."tiktok_account_status" AS ENUM('active', 'needs_reconnect', 'disconnected');--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"id" text PRIMARY KEY NOT NULL,
	"state_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"kind" "tiktok_account_kind" NOT NULL,
	"code_verifier" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"pending_access_token" text,
	"pending_advertisers" jsonb,
	"pending_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tiktok_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"kind" "tiktok_account_kind" NOT NULL,
	"tiktok_id" text NOT NULL,
	"display_name" text,
	"username" text,
	"avatar_url" text,
	"profile_url" text,
	"is_verified" boolean,
	"follower_count" bigint,
	"following_count" bigint,
	"likes_count" bigint,
	"video_count" bigint,
	"currency" text,
	"time_zone" text,
	"advertiser_status" text,
	"scopes" text[] DEFAULT '{}' NOT NULL,
	"status" "tiktok_account_status" DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"status_message" text,
	"status_changed_at" timestamp with time zone,
	"access_token" text,
	"refresh_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"grant_id" text,
	"refresh_warning_days" integer,
	"last_synced_at" timestamp with time zone,
	"last_refreshed_at" timestamp with time zone,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"connected_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_accounts" ADD CONSTRAINT "tiktok_accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_accounts" ADD CONSTRAINT "tiktok_accounts_connected_by_user_id_users_id_fk" FOREIGN KEY ("connected_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_states_state_hash_idx" ON "oauth_states" USING btree ("state_hash");--> statement-breakpoint
CREATE INDEX "oauth_states_expires_idx" ON "oauth_states" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tiktok_accounts_identity_idx" ON "tiktok_accounts" USING btree ("workspace_id","kind","tiktok_id");--> statement-breakpoint
CREATE INDEX "tiktok_accounts_tiktok_id_idx" ON "tiktok_accounts" USING btree ("kind","tiktok_id");--> statement-breakpoint
CREATE INDEX "tiktok_accounts_status_expiry_idx" ON "tiktok_accounts" USING btree ("status","access_token_expires_at");
CREATE TYPE "public"."post_kind" AS ENUM('video', 'photo');--> statement-breakpoint
CREATE TYPE "public"."post_mode" AS ENUM('direct', 'inbox');--> statement-breakpoint
CREATE TYPE "public"."post_source" AS ENUM('FILE_UPLOAD', 'PULL_FROM_URL');--> statement-breakpoint
CREATE TYPE "public"."post_status" AS ENUM('draft', 'scheduled', 'submitted', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."post_target_stage" AS ENUM('scheduled', 'queued', 'uploading', 'init_unknown', 'processing', 'published', 'inbox', 'unconfirmed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "post_targets" (
	"id" text PRIMARY KEY NOT NULL,
	"post_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"account_id" text NOT NULL,
	"settings" jsonb NOT NULL,
	"stage" "post_target_stage" DEFAULT 'queued' NOT NULL,
	"init_started_at" timestamp with time zone,
	"init_count" integer DEFAULT 0 NOT NULL,
	"publish_id" text,
	"upload_url" text,
	"upload_url_expires_at" timestamp with time zone,
	"video_size" bigint,
	"chunk_size" bigint,
	"total_chunk_count" integer,
	"uploaded_bytes" bigint DEFAULT 0 NOT NULL,
	"processing_since" timestamp with time zone,
	"tiktok_status" text,
	"fail_reason" text,
	"fail_message" text,
	"post_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"creator_username" text,
	"last_checked_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"run_count" integer DEFAULT 1 NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"created_by" text,
	"kind" "post_kind" NOT NULL,
	"mode" "post_mode" DEFAULT 'direct' NOT NULL,
	"source" "post_source" DEFAULT 'FILE_UPLOAD' NOT NULL,
	"caption" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"media_ids" jsonb NOT NULL,
	"cover_index" integer DEFAULT 0 NOT NULL,
	"status" "post_status" DEFAULT 'submitted' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "post_targets" ADD CONSTRAINT "post_targets_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_targets" ADD CONSTRAINT "post_targets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_targets" ADD CONSTRAINT "post_targets_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "post_targets_post_account_idx" ON "post_targets" USING btree ("post_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "post_targets_publish_id_idx" ON "post_targets" USING btree ("publish_id");--> statement-breakpoint
CREATE INDEX "post_targets_workspace_stage_idx" ON "post_targets" USING btree ("workspace_id","stage");--> statement-breakpoint
CREATE INDEX "post_targets_account_stage_idx" ON "post_targets" USING btree ("account_id","stage");--> statement-breakpoint
CREATE INDEX "posts_workspace_created_idx" ON "posts" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "posts_workspace_scheduled_idx" ON "posts" USING btree ("workspace_id","scheduled_at");
CREATE TYPE "public"."report_account_status" AS ENUM('pending', 'running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."report_run_status" AS ENUM('running', 'succeeded', 'partial', 'failed');--> statement-breakpoint
CREATE TABLE "ad_campaign_days" (
	"account_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"day" date NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"campaign_name" text,
	"currency" text,
	"spend" double precision DEFAULT 0 NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"ctr" double precision,
	"cpc" double precision,
	"conversions" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ad_campaign_days_account_id_campaign_id_day_pk" PRIMARY KEY("account_id","campaign_id","day")
);
--> statement-breakpoint
CREATE TABLE "business_day_stats" (
	"account_id" text NOT NULL,
	"day" date NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"followers" bigint,
	"new_followers" bigint,
	"lost_followers" bigint,
	"video_views" bigint,
	"profile_views" bigint,
	"likes" bigint,
	"comments" bigint,
	"shares" bigint,
	CONSTRAINT "business_day_stats_account_id_day_pk" PRIMARY KEY("account_id","day")
);
--> statement-breakpoint
CREATE TABLE "creator_day_snapshots" (
	"account_id" text NOT NULL,
	"day" date NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"followers" bigint,
	"following" bigint,
	"likes" bigint,
	"videos" bigint,
	CONSTRAINT "creator_day_snapshots_account_id_day_pk" PRIMARY KEY("account_id","day")
);
--> statement-breakpoint
CREATE TABLE "report_files" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"account_id" text NOT NULL,
	"day" date NOT NULL,
	"key" text NOT NULL,
	"rows" integer NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_run_accounts" (
	"run_id" text NOT NULL,
	"account_id" text NOT NULL,
	"status" "report_account_status" DEFAULT 'pending' NOT NULL,
	"error" text,
	"progress" jsonb,
	"rows" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "report_run_accounts_run_id_account_id_pk" PRIMARY KEY("run_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "report_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"trigger" text NOT NULL,
	"day" date NOT NULL,
	"status" "report_run_status" DEFAULT 'running' NOT NULL,
	"started_by_user_id" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_settings" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"daily_time" text DEFAULT '06:00' NOT NULL,
	"key_template" text,
	"settle_days" integer DEFAULT 3 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "video_day_snapshots" (
	"account_id" text NOT NULL,
	"video_id" text NOT NULL,
	"day" date NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"title" text,
	"share_url" text,
	"posted_at" timestamp with time zone,
	"duration_sec" integer,
	"views" bigint,
	"likes" bigint,
	"comments" bigint,
	"shares" bigint,
	CONSTRAINT "video_day_snapshots_account_id_video_id_day_pk" PRIMARY KEY("account_id","video_id","day")
);
--> statement-breakpoint
ALTER TABLE "ad_campaign_days" ADD CONSTRAINT "ad_campaign_days_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_day_stats" ADD CONSTRAINT "business_day_stats_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_day_snapshots" ADD CONSTRAINT "creator_day_snapshots_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_files" ADD CONSTRAINT "report_files_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_files" ADD CONSTRAINT "report_files_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_run_accounts" ADD CONSTRAINT "report_run_accounts_run_id_report_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."report_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_run_accounts" ADD CONSTRAINT "report_run_accounts_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_started_by_user_id_users_id_fk" FOREIGN KEY ("started_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_day_snapshots" ADD CONSTRAINT "video_day_snapshots_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ad_campaign_days_day_idx" ON "ad_campaign_days" USING btree ("account_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "report_files_account_day_idx" ON "report_files" USING btree ("account_id","day");--> statement-breakpoint
CREATE INDEX "report_files_workspace_day_idx" ON "report_files" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE INDEX "report_files_key_idx" ON "report_files" USING btree ("key");--> statement-breakpoint
CREATE INDEX "report_run_accounts_account_idx" ON "report_run_accounts" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "report_runs_workspace_idx" ON "report_runs" USING btree ("workspace_id","started_at");--> statement-breakpoint
CREATE INDEX "video_day_snapshots_day_idx" ON "video_day_snapshots" USING btree ("account_id","day");
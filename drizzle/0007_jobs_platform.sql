ALTER TYPE "public"."webhook_event_status" ADD VALUE 'held';--> statement-breakpoint
CREATE TABLE "job_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"job_type" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cron" text NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"workspace_id" text,
	"declared" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_job_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "claims" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "snoozes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "concurrency_key" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "type_slot" integer;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "job_schedules" ADD CONSTRAINT "job_schedules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_schedules_due_idx" ON "job_schedules" USING btree ("next_run_at") WHERE "job_schedules"."enabled";--> statement-breakpoint
CREATE INDEX "job_schedules_workspace_idx" ON "job_schedules" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_running_key_idx" ON "jobs" USING btree ("concurrency_key") WHERE "jobs"."status" = 'running' and "jobs"."concurrency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_running_type_slot_idx" ON "jobs" USING btree ("type","type_slot") WHERE "jobs"."status" = 'running' and "jobs"."type_slot" is not null;--> statement-breakpoint
CREATE INDEX "webhook_events_held_idx" ON "webhook_events" USING btree ("event") WHERE "webhook_events"."status" not in ('pending', 'processed', 'ignored', 'failed', 'dead');
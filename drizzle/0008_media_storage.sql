CREATE TYPE "public"."media_purpose" AS ENUM('video', 'photo', 'dm_image', 'dm_inbound');--> statement-breakpoint
CREATE TYPE "public"."media_status" AS ENUM('uploading', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."media_upload_strategy" AS ENUM('single', 'multipart');--> statement-breakpoint
CREATE TABLE "media_objects" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"key" text NOT NULL,
	"purpose" "media_purpose" NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"etag" text,
	"checksum_sha256" text,
	"status" "media_status" DEFAULT 'uploading' NOT NULL,
	"failure_reason" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_upload_parts" (
	"media_id" text NOT NULL,
	"part_number" integer NOT NULL,
	"etag" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_upload_parts_media_id_part_number_pk" PRIMARY KEY("media_id","part_number")
);
--> statement-breakpoint
CREATE TABLE "media_uploads" (
	"media_id" text PRIMARY KEY NOT NULL,
	"strategy" "media_upload_strategy" NOT NULL,
	"storage_upload_id" text,
	"part_size" integer NOT NULL,
	"part_count" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media_objects" ADD CONSTRAINT "media_objects_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_objects" ADD CONSTRAINT "media_objects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_upload_parts" ADD CONSTRAINT "media_upload_parts_media_id_media_uploads_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_uploads"("media_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_uploads" ADD CONSTRAINT "media_uploads_media_id_media_objects_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_objects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "media_objects_key_idx" ON "media_objects" USING btree ("key");--> statement-breakpoint
CREATE INDEX "media_objects_workspace_created_idx" ON "media_objects" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "media_objects_status_updated_idx" ON "media_objects" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "media_uploads_expires_idx" ON "media_uploads" USING btree ("expires_at");
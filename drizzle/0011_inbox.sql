CREATE TYPE "public"."inbox_conversation_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."inbox_message_direction" AS ENUM('inbound', 'outbound', 'note');--> statement-breakpoint
CREATE TYPE "public"."inbox_message_status" AS ENUM('sending', 'sent', 'read', 'failed');--> statement-breakpoint
CREATE TYPE "public"."inbox_message_type" AS ENUM('text', 'image', 'share_post', 'sticker', 'unsupported');--> statement-breakpoint
CREATE TABLE "inbox_conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"account_id" text NOT NULL,
	"tiktok_conversation_id" text NOT NULL,
	"customer_id" text,
	"customer_name" text,
	"customer_avatar_url" text,
	"last_inbound_at" timestamp with time zone,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_preview" text,
	"last_message_direction" "inbox_message_direction",
	"unread_count" integer DEFAULT 0 NOT NULL,
	"customer_read_up_to_ms" bigint,
	"assignee_id" text,
	"status" "inbox_conversation_status" DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"image_send" boolean,
	"image_send_checked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"conversation_id" text NOT NULL,
	"account_id" text NOT NULL,
	"tiktok_message_id" text,
	"direction" "inbox_message_direction" NOT NULL,
	"type" "inbox_message_type" DEFAULT 'text' NOT NULL,
	"text" text,
	"media_id" text,
	"tiktok_media_id" text,
	"share_post_url" text,
	"tiktok_type" text,
	"status" "inbox_message_status",
	"failure_reason" text,
	"outcome_unknown" boolean DEFAULT false NOT NULL,
	"sent_by_user_id" text,
	"tiktok_timestamp_ms" bigint NOT NULL,
	"sent_from_tiktok_app" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_saved_replies" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"shortcut" text NOT NULL,
	"body" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox_conversations" ADD CONSTRAINT "inbox_conversations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_conversations" ADD CONSTRAINT "inbox_conversations_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_conversations" ADD CONSTRAINT "inbox_conversations_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_conversation_id_inbox_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."inbox_conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_media_id_media_objects_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_objects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_sent_by_user_id_users_id_fk" FOREIGN KEY ("sent_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_saved_replies" ADD CONSTRAINT "inbox_saved_replies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_saved_replies" ADD CONSTRAINT "inbox_saved_replies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_conversations_account_conversation_idx" ON "inbox_conversations" USING btree ("account_id","tiktok_conversation_id");--> statement-breakpoint
CREATE INDEX "inbox_conversations_list_idx" ON "inbox_conversations" USING btree ("workspace_id","status","last_message_at","id");--> statement-breakpoint
CREATE INDEX "inbox_conversations_assignee_list_idx" ON "inbox_conversations" USING btree ("workspace_id","assignee_id","status","last_message_at","id");--> statement-breakpoint
CREATE INDEX "inbox_conversations_account_list_idx" ON "inbox_conversations" USING btree ("account_id","status","last_message_at","id");--> statement-breakpoint
CREATE INDEX "inbox_conversations_unread_idx" ON "inbox_conversations" USING btree ("workspace_id","assignee_id") WHERE "inbox_conversations"."unread_count" > 0 and "inbox_conversations"."status" = 'open';--> statement-breakpoint
CREATE INDEX "inbox_conversations_customer_search_idx" ON "inbox_conversations" USING btree ("workspace_id",lower("customer_name") text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_messages_account_tiktok_id_idx" ON "inbox_messages" USING btree ("account_id","tiktok_message_id");--> statement-breakpoint
CREATE INDEX "inbox_messages_thread_idx" ON "inbox_messages" USING btree ("conversation_id","tiktok_timestamp_ms","id");--> statement-breakpoint
CREATE INDEX "inbox_messages_pending_idx" ON "inbox_messages" USING btree ("conversation_id","tiktok_timestamp_ms") WHERE "inbox_messages"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "inbox_messages_search_idx" ON "inbox_messages" USING gin (to_tsvector('simple', coalesce("text", '')));--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_saved_replies_shortcut_idx" ON "inbox_saved_replies" USING btree ("workspace_id","shortcut");
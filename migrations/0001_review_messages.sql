ALTER TABLE "bots" ADD COLUMN "review_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bots" ADD COLUMN "review_message_channel" text;--> statement-breakpoint
ALTER TABLE "bots" ADD COLUMN "review_message_ts" text;--> statement-breakpoint
ALTER TABLE "bots" ADD COLUMN "review_reminded_at" timestamp with time zone;
CREATE TABLE "reported_uses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reported_uses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"bot_id" integer NOT NULL,
	"user_id" integer,
	"occurred_at" timestamp with time zone NOT NULL,
	"report_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reported_uses_report_id_length" CHECK (char_length("reported_uses"."report_id") between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "identity_review_needed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reported_uses" ADD CONSTRAINT "reported_uses_bot_id_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."bots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_uses" ADD CONSTRAINT "reported_uses_user_id_employees_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."employees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reported_uses_bot_report_key" ON "reported_uses" USING btree ("bot_id","report_id") WHERE "reported_uses"."report_id" is not null;--> statement-breakpoint
CREATE INDEX "reported_uses_bot_occurred_idx" ON "reported_uses" USING btree ("bot_id","occurred_at");--> statement-breakpoint
CREATE INDEX "reported_uses_user_idx" ON "reported_uses" USING btree ("user_id");--> statement-breakpoint
-- Hand-written (issue 11): uses a bot reported about itself over the API move to reported_uses, so
-- they can never count as a colleague's use; the check below keeps usage_events for Slack actions.
INSERT INTO "reported_uses" ("bot_id", "user_id", "occurred_at", "received_at")
  SELECT "bot_id", "user_id", "occurred_at", "occurred_at" FROM "usage_events" WHERE "source" = 'api';--> statement-breakpoint
DELETE FROM "usage_events" WHERE "source" = 'api';--> statement-breakpoint
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_slack_source" CHECK ("usage_events"."source" <> 'api');
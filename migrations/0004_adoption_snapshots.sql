CREATE TABLE "adoption_snapshots" (
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"timezone" text NOT NULL,
	"required_approved_bots" smallint NOT NULL,
	"include_guests" boolean NOT NULL,
	"scope_kind" text NOT NULL,
	"scope_key" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"figures" jsonb NOT NULL,
	"departments" jsonb,
	CONSTRAINT "adoption_snapshots_pkey" PRIMARY KEY("period_start","period_end","timezone","required_approved_bots","include_guests","scope_kind","scope_key")
);
--> statement-breakpoint
DROP INDEX "reviews_bot_idx";--> statement-breakpoint
DROP INDEX "usage_events_bot_idx";--> statement-breakpoint
CREATE INDEX "adoption_snapshots_computed_idx" ON "adoption_snapshots" USING btree ("computed_at");
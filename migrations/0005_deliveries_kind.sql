ALTER TABLE "deliveries" ADD COLUMN "kind" text NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "result" jsonb;--> statement-breakpoint
CREATE INDEX "deliveries_job_idx" ON "deliveries" USING btree ("job","created_at");
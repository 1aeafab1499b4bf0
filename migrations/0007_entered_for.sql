CREATE TYPE "public"."bot_owner_confirmation" AS ENUM('pending', 'confirmed', 'declined');--> statement-breakpoint
DROP INDEX "bots_owner_live_idx";--> statement-breakpoint
ALTER TABLE "bots" ADD COLUMN "entered_by_id" integer;--> statement-breakpoint
ALTER TABLE "bots" ADD COLUMN "owner_confirmation" "bot_owner_confirmation";--> statement-breakpoint
ALTER TABLE "bots" ADD CONSTRAINT "bots_entered_by_id_employees_id_fk" FOREIGN KEY ("entered_by_id") REFERENCES "public"."employees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bots_entered_by_idx" ON "bots" USING btree ("entered_by_id","owner_id") WHERE "bots"."entered_by_id" is not null;--> statement-breakpoint
CREATE INDEX "bots_owner_live_idx" ON "bots" USING btree ("owner_id","submitted_at","withdrawn_at","hours_saved_per_week","id","owner_confirmation");
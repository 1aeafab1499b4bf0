CREATE INDEX "bots_owner_live_idx" ON "bots" USING btree ("owner_id","submitted_at","withdrawn_at","hours_saved_per_week","id");--> statement-breakpoint
CREATE INDEX "reviews_bot_decision_idx" ON "reviews" USING btree ("bot_id","decided_at","decision","score");--> statement-breakpoint
CREATE INDEX "usage_events_bot_user_idx" ON "usage_events" USING btree ("bot_id","occurred_at","user_id");
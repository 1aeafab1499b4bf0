ALTER TABLE "bots" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Deliveries hold references now, rendered when sent (docs/deliveries.md); the old kind
-- 'slack-message' carried rendered text and has no sender any more. Rows of it not sent yet are
-- cancelled and every such row loses its text (it may name people that forget can no longer find).
UPDATE "deliveries" SET "status" = 'failed', "last_error" = 'cancelled at upgrade: rendered-text delivery'
  WHERE "kind" = 'slack-message' AND "status" IN ('pending', 'sending');--> statement-breakpoint
UPDATE "deliveries" SET "payload" = '{"recipientEmployeeId":null,"aboutEmployeeIds":[]}'::jsonb
  WHERE "kind" IN ('slack-message', 'review-summary') AND NOT ("payload" ? 'aboutEmployeeIds');

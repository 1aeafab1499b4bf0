ALTER TABLE "bots" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Deliveries hold references now, rendered when sent (docs/deliveries.md). Rows planned before
-- this change: those not sent yet whose kind changed shape (rendered 'slack-message', the old
-- 'review-summary' and 'participation-chart') are cancelled; rendered text is dropped from every
-- old row (it may name people, and forget no longer searches text); every old payload gets the
-- reference fields forget looks for.
-- Keys name recipients by roster id now (…:e<id>, not …:<Slack id>): old keys are rewritten, so
-- a job planning again after the upgrade (a nudge day, a period end's exports) finds them taken.
UPDATE "deliveries" AS d SET "key" = left(d."key", length(d."key") - length(e."slack_user_id")) || 'e' || e."id"
  FROM "employees" AS e
  WHERE e."slack_user_id" = d."recipient" AND right(d."key", length(e."slack_user_id") + 1) = ':' || e."slack_user_id";--> statement-breakpoint
UPDATE "deliveries" SET "status" = 'failed', "last_error" = 'cancelled at upgrade: planned before deliveries were references'
  WHERE "kind" IN ('slack-message', 'review-summary', 'participation-chart')
    AND "status" IN ('pending', 'sending') AND NOT ("payload" ? 'aboutEmployeeIds');--> statement-breakpoint
UPDATE "deliveries" SET "payload" = '{"recipientEmployeeId":null,"aboutEmployeeIds":[]}'::jsonb
  WHERE "kind" IN ('slack-message', 'review-summary', 'participation-chart') AND NOT ("payload" ? 'aboutEmployeeIds');--> statement-breakpoint
UPDATE "deliveries" SET "payload" = "payload" || '{"recipientEmployeeId":null,"aboutEmployeeIds":[]}'::jsonb
  WHERE NOT ("payload" ? 'aboutEmployeeIds');

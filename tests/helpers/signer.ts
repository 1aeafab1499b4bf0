import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
export function slackSignatureHeaders(
  signingSecret: string,
  body: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${body}`)
    .digest('hex');
  return {
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': `v0=${signature}`,
  };
}

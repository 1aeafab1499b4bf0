import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bots, reviews, usageEvents } from '../../src/db/schema.js';
import { DRIVERS } from '../helpers/db.js';
import { viewSubmission } from '../helpers/harness.js';
import { useSuite } from '../helpers/suite.js';

/**
 * Every request Slack sends gets an answer within 3 s, including buttons on old messages (action
 * ids we no longer have, values that do not parse or point at nothing) and forms from stale modals
 * (unknown callback ids, unreadable private_metadata). A seeded fuzz of signed requests: each is
 * acked with 200 within 3 s, the person is told something (a response_url message, a note in a
 * modal, or the modal updated), and nothing is stored.
 */
const SEED = 20_261_130;
const SLACK_DEADLINE_MS = 3000;

const actionIds = fc.oneof(
  fc.constantFrom(
    'review_approve',
    'review_request_changes',
    'review_reject',
    'review_changes', // an id of an older version of the review buttons
    'digest_used_bot',
    'hr_lagging_page',
  ),
  fc.stringMatching(/^[a-z_]{1,20}$/),
  fc.string({ maxLength: 30 }),
);
const values = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 900_000, max: 999_999_999 }).map(String), // ids of nothing
  fc.string({ maxLength: 40 }),
  fc.json({ maxDepth: 2 }),
);
const callbackIds = fc.oneof(
  fc.constantFrom('bot_submit_v0', 'review_decision', 'bot_edit', 'old_form'),
  fc.stringMatching(/^[a-z_]{1,20}$/),
);
const metadata = fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }), fc.json({ maxDepth: 2 }));

type Fuzzed =
  | { kind: 'button'; actionId: string; value: string; onHome: boolean }
  | { kind: 'form'; callbackId: string; metadata: string };

const requests: fc.Arbitrary<Fuzzed> = fc.oneof(
  fc.record({
    kind: fc.constant('button' as const),
    actionId: actionIds,
    value: values,
    onHome: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('form' as const), callbackId: callbackIds, metadata }),
);

describe.each(DRIVERS)('stale buttons and forms on %s', (driver) => {
  const suite = useSuite(driver, { app: { env: { HR_USER_IDS: 'UHRBOSS' } } });

  it('acks every fuzzed request within 3 s with 200, tells the person something, and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const said = () => suite.app.slack.responses.length + suite.app.slack.callsTo('views.open').length;
        const before = said();
        const sentAt = Date.now();
        const ack = await suite.app.interaction(payloadFor(request, suite.app.slack.newResponseUrl()));
        const ackMs = Date.now() - sentAt;
        expect(ack.status).toBe(200);
        expect(ackMs).toBeLessThan(SLACK_DEADLINE_MS);
        if (request.kind === 'form') {
          // A form is answered in its ack: the modal updated to a note, or errors shown in it.
          const body = ack.body as { response_action?: string; view?: unknown; errors?: unknown };
          expect(['update', 'errors']).toContain(body.response_action);
          expect(JSON.stringify(body)).toMatch(/out of date|Not saved|Nothing was saved|required|Not your/i);
        } else {
          // A button: an ephemeral message through response_url or a note in a modal, soon.
          await suite.app.slack.waitFor(() => said() > before, SLACK_DEADLINE_MS - ackMs);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
    const db = suite.db;
    expect(await db.select().from(bots)).toEqual([]);
    expect(await db.select().from(reviews)).toEqual([]);
    expect(await db.select().from(usageEvents)).toEqual([]);
  });

  it('tells the presser of an unknown button that it is out of date, through response_url', async () => {
    const responseUrl = suite.app.slack.newResponseUrl();
    const seen = suite.app.slack.responses.length;
    const ack = await suite.app.interaction(
      payloadFor({ kind: 'button', actionId: 'review_changes', value: '12', onHome: false }, responseUrl),
    );
    expect(ack.status).toBe(200);
    const reply = await suite.app.slack.waitFor(() => suite.app.slack.responses[seen]);
    expect(responseUrl.endsWith(`/${reply.id}`)).toBe(true);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(reply.body)).toContain('This button is out of date');
  });

  it('updates a stale form to a note saying it is out of date', async () => {
    const ack = await suite.app.interaction(
      viewSubmission('UANNA', {
        callback_id: 'bot_edit',
        private_metadata: '{"botId":"twelve"}',
        values: {},
      }),
    );
    expect(ack.body).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(ack.body)).toContain('This form is out of date');
  });
});

function payloadFor(request: Fuzzed, responseUrl: string): Record<string, unknown> {
  if (request.kind === 'form')
    return viewSubmission('UFUZZ', {
      callback_id: request.callbackId,
      private_metadata: request.metadata,
      values: {},
    });
  const where = request.onHome
    ? { container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home', callback_id: '' } }
    : {
        container: { type: 'message', message_ts: '1763200000.000100', channel_id: 'DUFUZZ' },
        channel: { id: 'DUFUZZ', name: 'directmessage' },
        message: { type: 'message', ts: '1763200000.000100', text: 'An old message' },
        response_url: responseUrl,
      };
  return {
    type: 'block_actions',
    team: { id: 'T0TEAM', domain: 'test' },
    user: { id: 'UFUZZ', username: 'ufuzz', name: 'ufuzz', team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    trigger_id: `trigger.${Math.random().toString(36).slice(2)}`,
    ...where,
    actions: [
      {
        type: 'button',
        action_id: request.actionId,
        block_id: 'old',
        value: request.value,
        action_ts: '1763200000.000200',
      },
    ],
  };
}

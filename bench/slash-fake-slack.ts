import { type FakeSlackResponse, startFakeSlack } from '../tests/helpers/fake-slack.js';
import { epochNow, replyKindOf } from './slash-client.js';

/**
 * The fake Slack of tests/helpers/fake-slack.ts, hosted for the benchmark: it answers the apps'
 * Web API calls (auth.test, users.info) and receives their response_url replies, noting when each
 * arrived and what it said. Runs on its own thread (see slash-ack.ts), like the real Slack would
 * be elsewhere.
 */

export type ReplyKind = 'saved' | 'duplicate' | 'notSaved' | 'other';

export interface Arrivals {
  /** response_url tags (`${phase}-${seq}`), in arrival order. */
  tags: string[];
  /** Arrival time of each, in epoch milliseconds. */
  atEpoch: Float64Array;
  kinds: ReplyKind[];
  /** A second reply for a tag already seen. */
  repeated: number;
  /** First few replies that were not "Saved …", for diagnosis. */
  samples: string[];
  usersInfoCalls: number;
}

export async function createFakeSlackHost() {
  const fake = await startFakeSlack();
  let tags: string[] = [];
  let times: number[] = [];
  let kinds: ReplyKind[] = [];
  let seen = new Set<string>();
  let repeated = 0;
  let samples: string[] = [];

  // The fake keeps every response_url body in an array; observe them as they arrive instead and
  // keep only tag, time and kind, so memory stays flat over a long run.
  Object.defineProperty(fake.responses, 'push', {
    value: (...items: FakeSlackResponse[]) => {
      const at = epochNow();
      for (const item of items) {
        if (seen.has(item.id)) {
          repeated++;
          continue;
        }
        seen.add(item.id);
        const text = typeof item.body.text === 'string' ? item.body.text : JSON.stringify(item.body);
        const classified = replyKindOf(text);
        const kind: ReplyKind = classified === 'working' ? 'other' : classified;
        if (kind !== 'saved' && samples.length < 5) samples.push(text.slice(0, 200));
        tags.push(item.id);
        times.push(at);
        kinds.push(kind);
      }
      return 0;
    },
  });

  return {
    info: () => ({ apiUrl: fake.apiUrl, responseBase: `${new URL(fake.apiUrl).origin}/response` }),
    /** Forgets everything recorded and serves users.info for these users (first contact). */
    reset: (userIds: string[]) => {
      tags = [];
      times = [];
      kinds = [];
      seen = new Set();
      repeated = 0;
      samples = [];
      fake.calls.length = 0;
      fake.users.clear();
      for (const id of userIds) {
        fake.users.set(id, {
          id,
          name: id.toLowerCase(),
          real_name: `Bench User ${id}`,
          tz: 'Europe/Berlin',
          profile: { email: `${id.toLowerCase()}@bench.example.com`, title: 'Benchmark user' },
        });
      }
    },
    /** How many distinct replies arrived since the last reset. */
    count: () => tags.length,
    collect: (): Arrivals => ({
      tags,
      atEpoch: Float64Array.from(times),
      kinds,
      repeated,
      samples,
      usersInfoCalls: fake.callsTo('users.info').length,
    }),
    close: () => fake.close(),
  };
}

import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { slackSignatureHeaders } from '../tests/helpers/signer.js';

/**
 * The simulated users of the slash-command benchmark: N concurrent closed loops, each sending a
 * signed `/bot submit <unique name> | <unique link> | <description>` as soon as its previous one
 * was answered, on its own keep-alive connection (opened first by an untimed `/bot help`) or on a
 * new connection per request. Runs on its own thread (see slash-ack.ts), so measuring never waits
 * behind the apps under test or the fake Slack.
 */

export interface PhaseSpec {
  /** Label used in bot names and response_url tags; unique within a run. */
  phase: string;
  target: 'app' | 'bare' | 'insert';
  /** http://127.0.0.1:<port>/slack/events */
  url: string;
  signingSecret: string;
  /** One Slack user id per simulated user. */
  userIds: string[];
  /** Requests to send in total, shared by all users. */
  requests: number;
  /** Stop issuing new requests after this long, even if `requests` were not all sent. */
  maxSeconds: number;
  /** Where the fake Slack takes response_url posts: `${responseBase}/${phase}-${seq}`. */
  responseBase: string;
  /** Makes bot names and links unique across runs on the same database. */
  runId: string;
  /** false: keep-alive connections (one per user); true: a new TCP connection for every request. */
  newConnections: boolean;
}

export interface ClientResult {
  /**
   * Keep-alive mode: latency of the untimed `/bot help` each user sends first to open its
   * connection (no database work), so that the timed requests run on established connections.
   */
  openLatencies: Float64Array;
  /** Requests sent; request `seq` has response_url tag `${phase}-${seq}`. */
  sent: number;
  /** HTTP status per request; 0 when the request failed without one (see errorKinds). */
  statuses: Uint16Array;
  /** What each ack body said (AckKind); the answer is in the ack unless it is NONE or WORKING. */
  ackKinds: Uint8Array;
  /** Milliseconds from sending each request to having its full response (or its failure). */
  latencies: Float64Array;
  /** When each request was sent, in epoch milliseconds (comparable across threads). */
  sentAtEpoch: Float64Array;
  errorKinds: Record<string, number>;
  startEpoch: number;
  endEpoch: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** What an ack body says: no answer (empty), an answer of some kind, or "working on it". */
export const AckKind = { NONE: 0, SAVED: 1, DUPLICATE: 2, NOT_SAVED: 3, WORKING: 4, OTHER: 5 } as const;

/** Classifies a reply text the same way for acks and response_url messages. */
export function replyKindOf(text: string): 'saved' | 'duplicate' | 'notSaved' | 'working' | 'other' {
  if (text.startsWith('Saved ')) return 'saved';
  if (text.startsWith('Already submitted')) return 'duplicate';
  if (/nothing was saved/i.test(text)) return 'notSaved';
  if (text.startsWith('Working on it')) return 'working';
  return 'other';
}

function ackKindOf(body: string): number {
  if (!body.trim()) return AckKind.NONE;
  let text = body;
  try {
    const parsed = JSON.parse(body) as { text?: unknown };
    text = typeof parsed.text === 'string' ? parsed.text : body;
  } catch {
    // a plain-text ack
  }
  const kind = replyKindOf(text);
  return kind === 'saved'
    ? AckKind.SAVED
    : kind === 'duplicate'
      ? AckKind.DUPLICATE
      : kind === 'notSaved'
        ? AckKind.NOT_SAVED
        : kind === 'working'
          ? AckKind.WORKING
          : AckKind.OTHER;
}

/** Epoch milliseconds with sub-millisecond precision, comparable between threads. */
export const epochNow = () => performance.timeOrigin + performance.now();

export function createClient() {
  return {
    runPhase: (spec: PhaseSpec) => runPhase(spec),
  };
}

async function runPhase(spec: PhaseSpec): Promise<ClientResult> {
  const url = new URL(spec.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`refusing to load a non-loopback target: ${spec.url}`);
  const agent = new Agent({ keepAlive: !spec.newConnections, maxSockets: spec.userIds.length });
  try {
    return await load(spec, url, agent);
  } finally {
    agent.destroy();
  }
}

async function load(spec: PhaseSpec, url: URL, agent: Agent): Promise<ClientResult> {
  const users = spec.userIds.length;
  const statuses = new Uint16Array(spec.requests);
  const ackKinds = new Uint8Array(spec.requests);
  const latencies = new Float64Array(spec.requests);
  const sentAtEpoch = new Float64Array(spec.requests);
  const errorKinds: Record<string, number> = {};
  let issued = 0;

  // Keep-alive mode: open every user's connection with an untimed `/bot help` (acknowledged with
  // the help text, nothing stored), so the timed loop measures established connections.
  const openLatencies = new Float64Array(spec.newConnections ? 0 : users);
  if (!spec.newConnections) {
    await Promise.all(
      spec.userIds.map(async (userId, i) => {
        const body = commandBody(spec, userId, 'help', `open-${i}`);
        const sentAt = performance.now();
        const { outcome } = await post(agent, url, headersFor(spec, body), body);
        openLatencies[i] = performance.now() - sentAt;
        if (outcome !== 200) throw new Error(`opening connection ${i}: ${outcome}`);
      }),
    );
  }

  const startEpoch = epochNow();
  const start = performance.now();
  const deadline = start + spec.maxSeconds * 1000;

  const user = async (userId: string) => {
    for (;;) {
      if (issued >= spec.requests || performance.now() >= deadline) return;
      const seq = issued++;
      const unique = `${spec.runId}-${spec.phase}-${seq}`;
      const text = `submit Bench bot ${unique} | https://example.com/${unique} | Drafts the weekly report, benchmark request ${seq}`;
      const body = commandBody(spec, userId, text, `${spec.phase}-${seq}`);
      const headers = headersFor(spec, body);
      sentAtEpoch[seq] = epochNow();
      const sentAt = performance.now();
      const { outcome, body: ackBody } = await post(agent, url, headers, body);
      latencies[seq] = performance.now() - sentAt;
      if (typeof outcome === 'number') statuses[seq] = outcome;
      if (outcome === 200) ackKinds[seq] = ackKindOf(ackBody);
      if (outcome !== 200) {
        const kind = typeof outcome === 'number' ? `HTTP ${outcome}` : outcome;
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
      }
    }
  };
  await Promise.all(spec.userIds.map(user));
  const endEpoch = epochNow();
  return {
    openLatencies,
    sent: issued,
    statuses: statuses.slice(0, issued),
    ackKinds: ackKinds.slice(0, issued),
    latencies: latencies.slice(0, issued),
    sentAtEpoch: sentAtEpoch.slice(0, issued),
    errorKinds,
    startEpoch,
    endEpoch,
  };
}

function headersFor(spec: PhaseSpec, body: string): Record<string, string> {
  return {
    ...(spec.newConnections ? { connection: 'close' } : {}),
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    ...slackSignatureHeaders(spec.signingSecret, body),
  };
}

/** A slash command exactly as Slack sends it (same fields as tests/helpers/harness.ts). */
function commandBody(spec: PhaseSpec, userId: string, text: string, tag: string): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0TEAM',
    team_domain: 'test',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/bot',
    text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: `${spec.responseBase}/${tag}`,
    trigger_id: `trigger.${spec.runId}-${tag}`,
  }).toString();
}

/** POSTs one request; resolves to the HTTP status (or an error kind) and the body once read. */
function post(
  agent: Agent,
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ outcome: number | string; body: string }> {
  return new Promise((done) => {
    const resolve = (outcome: number | string, text = '') => done({ outcome, body: text });
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < 400) text += chunk; // enough to tell the answer's kind
        });
        res.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        res.on('end', () => resolve(res.statusCode ?? 0, text));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end(body);
  });
}

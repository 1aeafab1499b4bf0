import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/**
 * Logs carry ids, never personal data. Every `err` goes through `describeError`: an error's type,
 * code, the purpose of the failed query (its verb and table) and its stack frames, but never a
 * database error's message — drizzle's reads "Failed query: insert into bots … params: <name>,
 * <description>…", and Postgres's own messages and details quote the values.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'ai-adoption-bot' }, serializers: { err: describeError } };
  return destination ? pino(options, destination) : pino(options);
}

export interface ErrorDescription {
  type: string;
  /** SQLSTATE, a Node system error code, or a library's error code. */
  code?: string;
  /** What the failed query did, e.g. `insert into bots` (never its parameters). */
  query?: string;
  constraint?: string;
  table?: string;
  /** Only for errors that are not database errors, clipped. */
  message?: string;
  /** Stack frames only (file and line), without the message line. */
  stack?: string;
  cause?: ErrorDescription;
}

const MAX_MESSAGE = 200;
const MAX_DEPTH = 4;

/** A loggable description of any thrown value, with no query parameters, values or texts. */
export function describeError(error: unknown, depth = 0): ErrorDescription {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null))
    return { type: typeof error };
  const e = error as Error & Record<string, unknown>;
  const described: ErrorDescription = { type: typeof e.name === 'string' ? e.name : 'Error' };
  const code = e.code;
  if (typeof code === 'string' || typeof code === 'number') described.code = String(code);
  if (typeof e.query === 'string') described.query = queryPurpose(e.query);
  const constraint = e.constraint ?? e.constraint_name;
  if (typeof constraint === 'string') described.constraint = constraint;
  const table = e.table ?? e.table_name;
  if (typeof table === 'string') described.table = table;
  if (!isDatabaseError(e) && typeof e.message === 'string' && e.message !== '')
    described.message = e.message.length > MAX_MESSAGE ? `${e.message.slice(0, MAX_MESSAGE)}…` : e.message;
  if (typeof e.stack === 'string') {
    const frames = e.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 10);
    if (frames.length > 0) described.stack = frames.map((line) => line.trim()).join('\n');
  }
  if (e.cause !== undefined && depth < MAX_DEPTH) described.cause = describeError(e.cause, depth + 1);
  return described;
}

/** The statement's verb and first table: `insert into bots`, `select … from employees`. */
export function queryPurpose(query: string): string {
  const text = query.replace(/\s+/g, ' ').trim().toLowerCase();
  const verb = /^(with|select|insert into|update|delete from|lock table)\b/.exec(text)?.[1] ?? 'query';
  const table =
    verb === 'select' || verb === 'with'
      ? /\bfrom "?([a-z_][a-z0-9_]*)"?/.exec(text)?.[1]
      : /^(?:insert into|update|delete from|lock table) "?([a-z_][a-z0-9_]*)"?/.exec(text)?.[1];
  return table ? `${verb === 'with' ? 'select' : verb} ${table}` : verb;
}

/**
 * Errors whose message may quote what was stored or looked up: drizzle's wrapper (query and
 * parameters), Postgres's and PGlite's own errors (a SQLSTATE code, values in the message/detail).
 */
function isDatabaseError(e: Record<string, unknown>): boolean {
  if ('params' in e || 'query' in e) return true;
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return true;
  if ('severity' in e || 'detail' in e || 'routine' in e) return true;
  return typeof e.message === 'string' && /failed query|params:/i.test(e.message);
}

/** One line for a stored or printed reason (`deliveries.last_error`, a CLI's failure line). */
export function errorSummary(error: unknown): string {
  const d = describeError(error);
  const innermost = (x: ErrorDescription): ErrorDescription => (x.cause ? innermost(x.cause) : x);
  const root = innermost(d);
  const parts = [d.type, d.code, d.query && `in ${d.query}`, d.message];
  if (root !== d) parts.push(`(cause: ${[root.type, root.code, root.message].filter(Boolean).join(' ')})`);
  return parts.filter(Boolean).join(' ');
}

/**
 * Errors a user can act on. Anything else that escapes a domain function is an internal
 * failure: logged with context, and the user is told honestly that nothing was saved.
 */
export type UserErrorCode = 'validation_failed' | 'bot_not_found' | 'not_bot_owner' | 'invalid_status_change';

export interface FieldError {
  field: BotField;
  message: string;
}

export type BotField = 'name' | 'link' | 'description' | 'platform' | 'category' | 'hoursSavedPerWeek';

export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);

/** True when an error means "the database could not be reached", as opposed to a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && /PGlite is closed|connection terminated/i.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

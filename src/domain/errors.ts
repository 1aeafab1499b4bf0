import { type MessageKey, type MessageParams, translator } from '../i18n/index.js';
import { type HrErrorCode, isHrErrorCode } from './hr-errors.js';

/**
 * Errors a user can act on. Anything else that escapes a domain function is an internal
 * failure: logged with context, and the user is told honestly that nothing was saved.
 *
 * The domain says what went wrong as a code with parameters; the renderer says it in the person's
 * language: `t('errors.<code>', params)`, and `t('errors.field.<code>', { field, ...params })` for a
 * field (docs/i18n.md). Add a code here and its message to both catalogs' `errors` area.
 */
export type UserErrorCode =
  | 'validation_failed'
  | 'bot_not_found'
  | 'not_bot_owner'
  | 'invalid_status_change'
  | HrErrorCode;

/** What is wrong with one field of a form. */
export type FieldErrorCode =
  | 'missing'
  | 'too_short'
  | 'too_long'
  | 'broken_character'
  | 'control_character'
  | 'invalid_link'
  | 'unknown_choice'
  | 'invalid_hours'
  | 'duplicate';

/** A message's values: ids, counts, limits, the text the user typed (never a sentence). */
export type ErrorParams = MessageParams;

export interface FieldError {
  field: BotField;
  code: FieldErrorCode;
  params?: ErrorParams;
  /** The same in English, for logs (renderers translate `code` and `params`). */
  message: string;
}

export type BotField = 'name' | 'link' | 'description' | 'platform' | 'category' | 'hoursSavedPerWeek';

/** Fails the type check when a code has no message in the catalogs. */
export type CodesWithoutMessage = NoneOf<
  Exclude<
    | `errors.${Exclude<UserErrorCode, HrErrorCode>}`
    | `hr.error.${HrErrorCode}`
    | `errors.field.${FieldErrorCode}`,
    MessageKey
  >
>;
type NoneOf<T extends never> = T;

/** `C`: the code as thrown (an error caught anywhere has any code: render it with `userErrorKey`). */
export class UserError<C extends UserErrorCode = UserErrorCode> extends Error {
  override name = 'UserError';
  readonly params: ErrorParams;
  /**
   * `new UserError('bot_not_found', { id: 12 })`: renderers say `code` with `params` in the reader's
   * language; `message` is the English, for logs. A string instead of params is a sentence already
   * said in the reader's language (a refusal rendered before it travels as an error) and is shown as is.
   */
  constructor(
    readonly code: C,
    detail: ErrorParams | string = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(typeof detail === 'string' ? detail : inEnglish(userErrorKey(code), detail));
    this.params = typeof detail === 'string' ? {} : detail;
  }
}

/**
 * The catalog key of a user error's message: `errors.<code>`, or `hr.error.<code>` for HR's codes
 * (src/domain/hr-errors.ts). A renderer shows `t(userErrorKey(error.code), error.params)`.
 */
export function userErrorKey(code: UserErrorCode): MessageKey {
  return (isHrErrorCode(code) ? `hr.error.${code}` : `errors.${code}`) as MessageKey;
}

/** A field error with its English message filled in from the catalog. */
export function fieldError(
  field: BotField,
  code: FieldErrorCode,
  params: ErrorParams = {},
  /** Values only the English fallback needs (a renderer supplies its own, translated). */
  englishOnly: ErrorParams = {},
): FieldError {
  const error: FieldError = {
    field,
    code,
    message: inEnglish(`errors.field.${code}`, { ...params, ...englishOnly, field }),
  };
  if (Object.keys(params).length > 0) error.params = params;
  return error;
}

/** The English of a message, for logs and the `message` of an error (the one use of a catalog in the domain). */
export function inEnglish(key: MessageKey, params: ErrorParams): string {
  return translator('en').t(key, params);
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

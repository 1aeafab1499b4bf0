import type { BotContent } from '../db/queries/bots.js';
import { type FieldError, type FieldErrorCode, fieldError, inEnglish } from './errors.js';

/** What a user fills in for a bot, before validation. Every field is raw text or absent. */
export interface BotDraftInput {
  name?: string | null;
  link?: string | null;
  description?: string | null;
  platform?: string | null;
  category?: string | null;
  hoursSavedPerWeek?: string | number | null;
}

/** A validated bot: what gets stored. */
export type BotDraft = BotContent;

/** The platforms a bot may be built on; their words are the catalog's (`bot.platform.<value>`). */
export const PLATFORMS = [
  { value: 'chatgpt_gpt' },
  { value: 'coze' },
  { value: 'dify' },
  { value: 'copilot_studio' },
  { value: 'internal_script' },
  { value: 'other' },
] as const;

/** "Who it helps" (`bot.category.<value>` in the catalogs). */
export const CATEGORIES = [
  { value: 'self' },
  { value: 'team' },
  { value: 'cross_team' },
  { value: 'company' },
  { value: 'customers' },
] as const;

export const LIMITS = {
  name: { min: 3, max: 80 },
  description: { min: 10, max: 2000 },
  link: { max: 2000 },
  hours: { min: 0, max: 168 },
} as const;

export type ValidationResult = { ok: true; draft: BotDraft } | { ok: false; errors: FieldError[] };

/** Checks every field at once, so a modal can show all problems together. */
export function validateBotDraft(input: BotDraftInput): ValidationResult {
  const errors: FieldError[] = [];
  const name = checkText('name', input.name, LIMITS.name, errors);
  const description = checkText('description', input.description, LIMITS.description, errors);
  const link = checkLink(input.link, errors);
  const platform = checkChoice('platform', input.platform, PLATFORMS, errors);
  const category = checkChoice('category', input.category, CATEGORIES, errors);
  const hoursSavedPerWeek = checkHours(input.hoursSavedPerWeek, errors);
  if (errors.length > 0 || name === null || description === null) return { ok: false, errors };
  return { ok: true, draft: { name, description, link, platform, category, hoursSavedPerWeek } };
}

/** Characters Postgres or Slack cannot carry faithfully. */
function badCharacter(value: string, allowNewlines: boolean): FieldErrorCode | null {
  if (!value.isWellFormed()) return 'broken_character';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const control = allowNewlines ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
  return control.test(value) ? 'control_character' : null;
}

function checkText(
  field: 'name' | 'description',
  raw: string | null | undefined,
  limits: { min: number; max: number },
  errors: FieldError[],
): string | null {
  const value = (raw ?? '').trim();
  const length = [...value].length; // code points: 周报助手 is 4 characters, not 4 UTF-16 units by luck
  const bad = badCharacter(value, field === 'description');
  if (bad) errors.push(fieldError(field, bad));
  else if (length === 0) errors.push(fieldError(field, 'missing'));
  else if (length < limits.min) errors.push(fieldError(field, 'too_short', { length, ...limits }));
  else if (length > limits.max) errors.push(fieldError(field, 'too_long', { length, ...limits }));
  else return value;
  return null;
}

function checkLink(raw: string | null | undefined, errors: FieldError[]): string | null {
  const value = (raw ?? '').trim();
  if (value === '' || value.toLowerCase() === 'none') return null;
  if (/\s/.test(value) || value.length > LIMITS.link.max || badCharacter(value, false)) {
    errors.push(fieldError('link', 'invalid_link'));
    return null;
  }
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return value;
  } catch {
    // fall through to the message
  }
  errors.push(fieldError('link', 'invalid_link'));
  return null;
}

function checkChoice(
  field: 'platform' | 'category',
  raw: string | null | undefined,
  choices: ReadonlyArray<{ value: string }>,
  errors: FieldError[],
): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (choices.some((choice) => choice.value === raw)) return raw;
  // The renderer lists the choices in the reader's language; the English fallback lists them here.
  type Key = Parameters<typeof inEnglish>[0];
  const choicesInEnglish = choices.map((c) => inEnglish(`bot.${field}.${c.value}` as Key, {})).join(', ');
  errors.push(fieldError(field, 'unknown_choice', { value: raw }, { choices: choicesInEnglish }));
  return null;
}

function checkHours(raw: string | number | null | undefined, errors: FieldError[]): number | null {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
  const text = String(raw).trim().replace(',', '.');
  const value = /^\d{1,3}(\.\d{1,2})?$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isFinite(value) && value >= LIMITS.hours.min && value <= LIMITS.hours.max) return value;
  errors.push(
    fieldError('hoursSavedPerWeek', 'invalid_hours', { value: text.slice(0, 20), ...LIMITS.hours }),
  );
  return null;
}

/**
 * The user errors of HR's area (`/adoption`, and a period typed anywhere, e.g. `/bot me 2026-Q3`):
 * their messages are `hr.error.<code>` in the hr catalogs, not `errors.<code>` (src/domain/errors.ts).
 */
export const HR_ERROR_CODES = [
  'period_no_month',
  'period_not_a_date',
  'period_ends_before_start',
  'period_too_long',
  'period_unknown',
  'period_name_invalid',
  'period_requirement_invalid',
  'period_name_taken',
  'person_not_on_roster',
  'department_unknown',
  'digest_channel_missing',
  // What was wrong with `/adoption`'s text (src/domain/hr-command.ts), said above the help.
  'unknown_subcommand',
  'digest_usage',
  'period_not_a_subcommand',
  'period_bad_requirement',
  'period_create_usage',
  'person_missing',
  'person_unknown',
] as const;

export type HrErrorCode = (typeof HR_ERROR_CODES)[number];

/** A period typed by someone that is not one: what `readPeriod` answers (src/domain/periods.ts). */
export type PeriodErrorCode = Extract<
  HrErrorCode,
  'period_no_month' | 'period_not_a_date' | 'period_ends_before_start' | 'period_too_long' | 'period_unknown'
>;

/** A problem with the command's text: shown above the help (the command is not run). */
export type HrUsageCode = Extract<
  HrErrorCode,
  | 'unknown_subcommand'
  | 'digest_usage'
  | 'period_not_a_subcommand'
  | 'period_bad_requirement'
  | 'period_create_usage'
  | 'person_missing'
  | 'person_unknown'
>;

const HR_CODES: ReadonlySet<string> = new Set(HR_ERROR_CODES);

export function isHrErrorCode(code: string): code is HrErrorCode {
  return HR_CODES.has(code);
}

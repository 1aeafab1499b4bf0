import { BOT_USER_ID, type WorkspaceUser } from './workspace.js';

/**
 * The demo's made-up company: four departments under a CEO, a manager chain (CEO → head →
 * staff), people with and without Slack (warehouse and drivers), an AI champion who reviews when
 * nobody else can, and an HR partner. The roster reaches the app the way a real one does: HR's
 * CSV through the roster import, and Slack accounts through the roster sync (users.list).
 */

export interface DemoPerson {
  name: string;
  email: string;
  department: string;
  title: string;
  managerEmail: string | null;
  hireDate: string;
  /** Null: not on Slack. */
  slackUserId: string | null;
  timezone: string;
  /** Their Slack locale (users.list / users.info with include_locale); null: not on Slack. */
  slackLocale: string | null;
}

const person = (
  name: string,
  department: string,
  title: string,
  manager: string | null,
  slackUserId: string | null,
  extra: { hireDate?: string; timezone?: string; slackLocale?: string } = {},
): DemoPerson => ({
  name,
  email: emailOf(name),
  department,
  title,
  managerEmail: manager ? emailOf(manager) : null,
  hireDate: extra.hireDate ?? '2023-04-01',
  slackUserId,
  timezone: extra.timezone ?? 'Europe/Berlin',
  slackLocale: slackUserId ? (extra.slackLocale ?? 'en-US') : null,
});

function emailOf(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[^A-Za-z ]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '.');
  return `${ascii}@demo.example`;
}

/** The demo's Slack user ids, by first name: the script, the history and the page use these. */
export const USERS = {
  ELENA: 'U0ELENA',
  MAYA: 'U0MAYA',
  LEO: 'U0LEO',
  ANA: 'U0ANA',
  CHRIS: 'U0CHRIS',
  SAM: 'U0SAM',
  PRIYA: 'U0PRIYA',
  TOM: 'U0TOM',
  WEN: 'U0WEN',
  OLGA: 'U0OLGA',
  DIEGO: 'U0DIEGO',
  HANA: 'U0HANA',
} as const;

export const PEOPLE: DemoPerson[] = [
  person('Elena Rossi', 'Executive', 'Chief Executive Officer', null, USERS.ELENA, {
    hireDate: '2019-01-07',
  }),
  // Maya reads Chinese: a zh-CN reviewer of English-speaking engineers' bots.
  person('Maya Chen', 'Engineering', 'Head of Engineering', 'Elena Rossi', USERS.MAYA, {
    hireDate: '2020-03-02',
    slackLocale: 'zh-CN',
  }),
  person('Leo Park', 'Engineering', 'Software Engineer', 'Maya Chen', USERS.LEO),
  person('Ana Souza', 'Engineering', 'Data Engineer', 'Maya Chen', USERS.ANA, { hireDate: '2024-02-12' }),
  person('Chris Lee', 'Engineering', 'Staff Engineer, AI champion', 'Maya Chen', USERS.CHRIS, {
    hireDate: '2021-09-01',
  }),
  person('Sam Okafor', 'Sales', 'Head of Sales', 'Elena Rossi', USERS.SAM, { hireDate: '2020-06-15' }),
  person('Priya Nair', 'Sales', 'Account Executive', 'Sam Okafor', USERS.PRIYA),
  person('Tom Weber', 'Sales', 'Account Executive', 'Sam Okafor', USERS.TOM, { hireDate: '2025-01-06' }),
  person('Wen Li', 'Sales', '销售代表', 'Sam Okafor', USERS.WEN, {
    hireDate: '2024-07-01',
    timezone: 'Asia/Shanghai',
    slackLocale: 'zh-CN',
  }),
  person('Olga Ivanova', 'Operations', 'Operations Lead', 'Elena Rossi', USERS.OLGA, {
    hireDate: '2021-01-11',
  }),
  person('Diego Garcia', 'Operations', 'Planner', 'Olga Ivanova', USERS.DIEGO),
  person('Ravi Kumar', 'Operations', 'Warehouse Supervisor', 'Olga Ivanova', null),
  // A driver without Slack who reads Chinese: her manager enters her bot for her.
  person('Zhou Min', 'Operations', '司机', 'Olga Ivanova', null, { hireDate: '2024-10-01' }),
  person('Hana Kim', 'People', 'HR Business Partner', 'Elena Rossi', USERS.HANA, { hireDate: '2022-05-02' }),
];

export const GENERAL_CHANNEL = { id: 'C0GENERAL', name: 'general' };
export const DIGEST_CHANNEL = { id: 'C0AIADOPTION', name: 'ai-adoption' };
/** HR users (HR_USER_IDS). */
export const HR_USER_IDS = [USERS.HANA];
/** AI champions (REVIEWER_USER_IDS): they review bots of people without a manager on Slack. */
export const REVIEWER_USER_IDS = [USERS.CHRIS];
export const CHAMPIONS_USERGROUP = 'S0CHAMPIONS';
/** Departments here have 1–5 people, so groups of 3 may show figures (MIN_GROUP_SIZE). */
export const MIN_GROUP_SIZE = 3;

/** HR's export, in the roster import's format (docs/roster.md). */
export function rosterCsv(people: DemoPerson[] = PEOPLE): string {
  const header = 'employee_id,email,name,department,manager_email,title,hire_date,status';
  const rows = people.map((p, index) =>
    [
      `E${String(index + 1).padStart(4, '0')}`,
      p.email,
      p.name,
      p.department,
      p.managerEmail ?? '',
      p.title,
      p.hireDate,
      'active',
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The Slack members of the company, as users.list returns them (with the app's own bot user). */
export function slackUsers(people: DemoPerson[] = PEOPLE): WorkspaceUser[] {
  const members: WorkspaceUser[] = people
    .filter((p): p is DemoPerson & { slackUserId: string } => p.slackUserId !== null)
    .map((p) => ({
      id: p.slackUserId,
      name: p.email.split('@')[0] ?? p.slackUserId,
      real_name: p.name,
      tz: p.timezone,
      ...(p.slackLocale ? { locale: p.slackLocale } : {}),
      profile: {
        email: p.email,
        title: p.title,
        real_name: p.name,
        display_name: p.name.split(' ')[0] ?? p.name,
      },
    }));
  members.push({
    id: BOT_USER_ID,
    name: 'ai-adoption-bot',
    real_name: 'AI Adoption Bot',
    tz: 'UTC',
    is_bot: true,
    profile: { email: '', title: '', real_name: 'AI Adoption Bot', display_name: 'AI Adoption Bot' },
  });
  return members;
}

export function personBySlackId(slackUserId: string): DemoPerson | undefined {
  return PEOPLE.find((p) => p.slackUserId === slackUserId);
}

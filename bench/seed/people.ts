/** The made-up company: departments, people, their managers, moves and leavers. */

import { below, growing, normal, pick, seededRandom } from './random.js';
import { DAY_MS, HISTORY_DAYS, isoDay, isoTime, orNull } from './rows.js';

/** Hire dates span the eight years before --today. */
const HIRE_SPAN_DAYS = 8 * 365;
const SINCE_EVER = '1970-01-01T00:00:00.000Z';
const REPORTS_PER_MANAGER = 8;

export interface Department {
  name: string;
  timezone: string;
  /** Relative size; the list is roughly largest first. */
  weight: number;
}

const DRIVERS = '物流车队';
const EXECUTIVE = 'Executive Office';
// biome-ignore format: a word list
const DEPARTMENT_NAMES: [string, string][] = [
  ['研发中心', 'Asia/Shanghai'], ['销售部', 'Asia/Shanghai'], ['Customer Support', 'Europe/Dublin'],
  [DRIVERS, 'Asia/Shanghai'], ['Engineering', 'Europe/Berlin'], ['Operations', 'Europe/Berlin'],
  ['市场部', 'Asia/Shanghai'], ['Finance', 'Europe/London'], ['人力资源部', 'Asia/Shanghai'],
  ['Product', 'Europe/Berlin'], ['Data Science', 'Europe/Berlin'], ['IT', 'Europe/Berlin'],
  ['Manufacturing', 'Asia/Shanghai'], ['Supply Chain', 'Asia/Singapore'], ['客户成功部', 'Asia/Shanghai'],
  ['Quality Assurance', 'Asia/Shanghai'], ['Sales EMEA', 'Europe/Paris'],
  ['Sales Americas', 'America/New_York'], ['华东销售区', 'Asia/Shanghai'], ['华南销售区', 'Asia/Shanghai'],
  ['Procurement', 'Europe/Berlin'], ['Legal', 'Europe/London'], ['Design', 'Europe/Berlin'],
  ['Security', 'Europe/Berlin'], ['Facilities', 'Europe/Berlin'], ['财务共享中心', 'Asia/Shanghai'],
  ['Business Development', 'America/New_York'], ['Platform', 'Europe/Berlin'],
  ['Mobile', 'Europe/Berlin'], ['Infrastructure', 'Europe/Berlin'], ['Research', 'Europe/Zurich'],
  ['Training', 'Europe/Berlin'], ['Partnerships', 'America/New_York'],
  ['Internal Audit', 'Europe/London'], ['Corporate Communications', 'Europe/London'],
  ['Compliance', 'Europe/London'], ['Risk Management', 'Europe/London'],
  ['Strategy', 'America/New_York'], ['Investor Relations', 'America/New_York'],
  [EXECUTIVE, 'Europe/Berlin'],
];

export const DEPARTMENTS: Department[] = DEPARTMENT_NAMES.map(([name, timezone], k) => ({
  name,
  timezone,
  // Drivers are about 5 % of the company (and have no Slack); the rest fall off like 1/rank.
  weight: name === DRIVERS ? 0.149 : name === EXECUTIVE ? 0.004 : 1 / (k + 3),
}));
const DRIVERS_INDEX = DEPARTMENTS.findIndex((d) => d.name === DRIVERS);
const EXECUTIVE_INDEX = DEPARTMENTS.findIndex((d) => d.name === EXECUTIVE);
export const CHINESE_TIMEZONES = new Set(['Asia/Shanghai', 'Asia/Singapore']);
const REVIEWING_DEPARTMENTS = new Set(['Engineering', '研发中心', 'IT', 'Data Science', 'Platform']);

// biome-ignore format: a word list
const GIVEN_NAMES = [
  'Anna', 'Ben', 'Carla', 'David', 'Elena', 'Felix', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Katrin',
  'Lukas', 'Maria', 'Noah', 'Olivia', 'Paul', 'Quinn', 'Rosa', 'Samir', 'Tara', 'Uwe', 'Vera', 'Wen',
  'Xavier', 'Yara', 'Zoe', 'Amir', 'Bianca', 'Chloe', 'Diego', 'Fatima', 'Hannah',
];
// biome-ignore format: a word list
const FAMILY_NAMES = [
  'Müller', 'Smith', 'García', 'Rossi', 'Dubois', 'Kowalski', 'Nguyen', 'Johansson', 'Silva', 'Novak',
  'Fischer', 'Brown', 'Murphy', "O'Neill", 'Schneider', 'Kim', 'Patel', 'Yilmaz',
];
/** [characters, pinyin] */
// biome-ignore format: a word list
const CHINESE_GIVEN: [string, string][] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['磊', 'lei'], ['强', 'qiang'],
  ['洋', 'yang'], ['艳', 'yan'], ['杰', 'jie'], ['婷', 'ting'], ['浩然', 'haoran'], ['子涵', 'zihan'],
  ['欣怡', 'xinyi'], ['宇轩', 'yuxuan'], ['雨桐', 'yutong'],
];
// biome-ignore format: a word list
const CHINESE_FAMILY: [string, string][] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
  ['黄', 'huang'], ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'],
];
const ascii = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

export interface Roster {
  count: number;
  /** Index i holds employee id i + 1. */
  department: Uint8Array;
  hireDay: Int32Array;
  /** First day no longer counted (active_until); -1 while employed. */
  leftDay: Int32Array;
  managerId: Int32Array;
  guest: Uint8Array;
  /** When the person changed department (ms); 0 if never. */
  movedAt: Float64Array;
  previousDepartment: Uint8Array;
  previousManagerId: Int32Array;
  isManager: Uint8Array;
  /** Propensity to build bots; 0 for people who never do. */
  builderWeight: Float64Array;
  /** Employee ids by current department. */
  members: Int32Array[];
  reviewers: number[];
}

/** Whole-number counts per department summing to `total`, by largest remainder. */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, k) => [x - Math.floor(x), k] as const).sort((p, q) => q[0] - p[0]);
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const [, k] of order) {
    if (left-- <= 0) break;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

export function planRoster(count: number, todayDay: number, seed: number): Roster {
  const random = seededRandom(seed, 'roster');
  const department = new Uint8Array(count);
  const counts = apportion(
    DEPARTMENTS.map((d) => d.weight),
    count,
  );
  let at = 0;
  counts.forEach((n, k) => {
    department.fill(k, at, at + n);
    at += n;
  });
  for (let i = count - 1; i > 0; i--) {
    const j = below(random, i + 1);
    const swap = department[i] as number;
    department[i] = department[j] as number;
    department[j] = swap;
  }
  // Employee 1 is the CEO: in the executive office, hired first.
  const executive = department.indexOf(EXECUTIVE_INDEX);
  if (executive > 0) department[executive] = department[0] as number;
  department[0] = EXECUTIVE_INDEX;

  const firstHireDay = todayDay - HIRE_SPAN_DAYS;
  const hireDay = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    // A growing company, plus a wave of recent hires.
    hireDay[i] =
      random() < 0.04
        ? todayDay - 1 - below(random, 120)
        : Math.min(todayDay - 1, firstHireDay + Math.floor(growing(random(), 0.5) * HIRE_SPAN_DAYS));
  }
  hireDay[0] = firstHireDay - 30;

  // Each department is a tree, seniors at the top: its earliest hire heads it (reporting to
  // the CEO), the next eight report to the head, and so on, eight reports per manager.
  const managerId = new Int32Array(count);
  const isManager = new Uint8Array(count);
  const byDepartment: number[][] = DEPARTMENTS.map(() => []);
  for (let i = 0; i < count; i++) byDepartment[department[i] as number]?.push(i + 1);
  const managersOf: number[][] = DEPARTMENTS.map(() => []);
  byDepartment.forEach((ids, k) => {
    ids.sort((p, q) => (hireDay[p - 1] as number) - (hireDay[q - 1] as number) || p - q);
    ids.forEach((id, position) => {
      const manager =
        position === 0
          ? id === 1
            ? 0
            : 1
          : (ids[Math.floor((position - 1) / REPORTS_PER_MANAGER)] as number);
      managerId[id - 1] = manager;
      if (position * REPORTS_PER_MANAGER + 1 < ids.length) {
        isManager[id - 1] = 1;
        managersOf[k]?.push(id);
      }
    });
  });
  isManager[0] = 1;

  const guest = new Uint8Array(count);
  const leftDay = new Int32Array(count).fill(-1);
  const movedAt = new Float64Array(count);
  const previousDepartment = new Uint8Array(count);
  const previousManagerId = new Int32Array(count);
  for (let i = 1; i < count; i++) {
    if (isManager[i]) continue;
    const hired = hireDay[i] as number;
    const k = department[i] as number;
    if (k !== DRIVERS_INDEX && random() < 0.021) {
      guest[i] = 1;
      continue;
    }
    if (random() < 0.035) {
      const earliest = hired + 30;
      if (earliest < todayDay - 1) leftDay[i] = earliest + below(random, todayDay - 1 - earliest);
      continue;
    }
    if (k !== DRIVERS_INDEX && random() < 0.13) {
      const from = Math.max(hired + 1, todayDay - HISTORY_DAYS);
      if (from >= todayDay - 1) continue;
      // Weighted by size: the department of a random colleague elsewhere.
      let target = k;
      for (let tries = 0; tries < 20 && (target === k || target === DRIVERS_INDEX); tries++) {
        target = department[below(random, count)] as number;
      }
      const managers = managersOf[target] ?? [];
      if (target === k || target === DRIVERS_INDEX || managers.length === 0) continue;
      previousDepartment[i] = k;
      previousManagerId[i] = managerId[i] as number;
      department[i] = target;
      managerId[i] = pick(random, managers);
      movedAt[i] = (from + below(random, todayDay - 1 - from)) * DAY_MS + 9 * 3_600_000;
    }
  }

  // Some departments take to bots far more than others; drivers hardly at all.
  const departmentRandom = seededRandom(seed, 'departments');
  const builderRate = DEPARTMENTS.map((_, k) =>
    k === DRIVERS_INDEX ? 0.02 : k === EXECUTIVE_INDEX ? 0.5 : 0.2 + 0.55 * departmentRandom(),
  );
  const builderWeight = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const rate = (builderRate[department[i] as number] as number) * (guest[i] ? 0.3 : 1);
    if (random() < rate) builderWeight[i] = Math.exp(normal(random));
  }
  if (!builderWeight.some((w) => w > 0)) builderWeight[0] = 1;

  const members = DEPARTMENTS.map(() => [] as number[]);
  for (let i = 0; i < count; i++) members[department[i] as number]?.push(i + 1);

  const reviewers: number[] = [];
  for (let i = 0; i < count && reviewers.length < 40; i++) {
    const name = DEPARTMENTS[department[i] as number]?.name ?? '';
    if (REVIEWING_DEPARTMENTS.has(name) && !guest[i] && leftDay[i] === -1) reviewers.push(i + 1);
  }
  if (reviewers.length === 0) reviewers.push(1);

  return {
    count,
    department,
    hireDay,
    leftDay,
    managerId,
    guest,
    movedAt,
    previousDepartment,
    previousManagerId,
    isManager,
    builderWeight,
    members: members.map((ids) => Int32Array.from(ids)),
    reviewers,
  };
}

/** Rows in COPY text format (tab-separated, \N for null); no generated text holds a tab or newline. */
export function* employeeLines(roster: Roster, seed: number): Generator<string> {
  const random = seededRandom(seed, 'names');
  let chunk = '';
  for (let i = 0; i < roster.count; i++) {
    const id = i + 1;
    const k = roster.department[i] as number;
    const dept = DEPARTMENTS[k] as Department;
    let name: string;
    let handle: string;
    if (CHINESE_TIMEZONES.has(dept.timezone) && random() < 0.85) {
      const [family, familyPinyin] = pick(random, CHINESE_FAMILY);
      const [given, givenPinyin] = pick(random, CHINESE_GIVEN);
      name = `${family}${given}`;
      handle = `${givenPinyin}.${familyPinyin}`;
    } else {
      const given = pick(random, GIVEN_NAMES);
      const family = pick(random, FAMILY_NAMES);
      name = `${given} ${family}`;
      handle = `${ascii(given)}.${ascii(family)}`;
    }
    const isGuest = roster.guest[i] === 1;
    const hasSlack = k !== DRIVERS_INDEX;
    const title =
      id === 1
        ? 'Chief Executive Officer'
        : roster.isManager[i] && roster.managerId[i] === 1 && k !== EXECUTIVE_INDEX
          ? `Head of ${dept.name}`
          : roster.isManager[i]
            ? 'Team Lead'
            : isGuest
              ? 'Contractor'
              : k === DRIVERS_INDEX
                ? 'Driver'
                : pick(random, ['Specialist', 'Engineer', 'Analyst', 'Associate', 'Manager', 'Consultant']);
    const hired = roster.hireDay[i] as number;
    const left = roster.leftDay[i] as number;
    const moved = roster.movedAt[i] as number;
    const updated = Math.max(hired * DAY_MS, moved, left >= 0 ? left * DAY_MS : 0);
    chunk +=
      `${id}\t${hasSlack ? `U${id.toString(36).toUpperCase().padStart(8, '0')}` : '\\N'}\tE${String(id).padStart(7, '0')}\t` +
      `${name}\t${handle}.${id}@${isGuest ? 'partner.example.com' : 'example.com'}\t${dept.name}\t` +
      `${orNull(roster.managerId[i] as number)}\t${title}\t${dept.timezone}\t${isGuest ? 't' : 'f'}\t` +
      `${isoDay(hired)}\t${left >= 0 ? isoDay(left) : '\\N'}\t${random() < 0.03 ? 't' : 'f'}\thr\t` +
      `${isoTime(hired * DAY_MS)}\t${isoTime(updated)}\n`;
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * History as the app records it: a first row from 1970-01-01 per person; a closed and an open row
 * for those who changed department; leavers get an open inactive row from their last day.
 */
export function* historyLines(roster: Roster): Generator<string> {
  let chunk = '';
  let rowId = 0;
  for (let i = 0; i < roster.count; i++) {
    const id = i + 1;
    const dept = DEPARTMENTS[roster.department[i] as number]?.name;
    const manager = orNull(roster.managerId[i] as number);
    const moved = roster.movedAt[i] as number;
    const left = roster.leftDay[i] as number;
    if (moved > 0) {
      const before = DEPARTMENTS[roster.previousDepartment[i] as number]?.name;
      chunk += `${++rowId}\t${id}\t${SINCE_EVER}\t${isoTime(moved)}\t${before}\t${orNull(roster.previousManagerId[i] as number)}\tt\n`;
      chunk += `${++rowId}\t${id}\t${isoTime(moved)}\t\\N\t${dept}\t${manager}\tt\n`;
    } else if (left >= 0) {
      chunk += `${++rowId}\t${id}\t${SINCE_EVER}\t${isoTime(left * DAY_MS)}\t${dept}\t${manager}\tt\n`;
      chunk += `${++rowId}\t${id}\t${isoTime(left * DAY_MS)}\t\\N\t${dept}\t${manager}\tf\n`;
    } else {
      chunk += `${++rowId}\t${id}\t${SINCE_EVER}\t\\N\t${dept}\t${manager}\tt\n`;
    }
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Whether employee `id` worked here on `day` (hired by then, not yet left). */
export const employedOn = (roster: Roster, id: number, day: number) =>
  (roster.hireDay[id - 1] as number) <= day &&
  ((roster.leftDay[id - 1] as number) < 0 || (roster.leftDay[id - 1] as number) > day);

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { ConfigError, loadDatabaseConfig } from '../config.js';
import { openPostgres } from '../db/client.js';
import { errorSummary } from '../logger.js';

/**
 * `npm run seed -- [--employees 100000] [--bots 500000] [--uses 10000000] [--seed 1]
 *                  [--today YYYY-MM-DD] [--database-url postgres://…] [--truncate]`
 *
 * Fills a Postgres database (DATABASE_URL or --database-url) with a made-up company at the scale
 * of DESIGN §6, for the benchmarks in bench/. The same --seed and --today give the same rows.
 * Data ends the day before --today (default: today, UTC).
 *
 * Speed: every table goes in through COPY, inside ONE transaction that first drops the loaded
 * tables' secondary indexes and foreign keys and re-creates them, from their catalogue
 * definitions, after the load (a sort-based build is far faster than 10M random index
 * insertions). If anything fails, the transaction rolls back and nothing is lost or left disabled.
 *
 * It refuses a database that already has employees unless --truncate (or --force) is given;
 * --truncate empties employees and everything that references them (history, bots, reviews,
 * usage, audit log) and the review periods.
 */

const USAGE =
  'usage: npm run seed -- [--employees 100000] [--bots 500000] [--uses 10000000] [--seed 1] ' +
  '[--today YYYY-MM-DD] [--database-url postgres://…] [--truncate]';

const DAY_MS = 86_400_000;
/** Bots and usage span the two years before --today; hire dates span eight. */
const HISTORY_DAYS = 730;
const HIRE_SPAN_DAYS = 8 * 365;
const SINCE_EVER = '1970-01-01T00:00:00.000Z';
const REPORTS_PER_MANAGER = 8;
/** The tables this script writes, in load order. */
const LOADED_TABLES = ['employees', 'employee_history', 'bots', 'reviews', 'usage_events'] as const;

interface Options {
  employees: number;
  bots: number;
  uses: number;
  seed: number;
  today: string;
  databaseUrl: string;
  truncate: boolean;
}

// ---------------------------------------------------------------------------------------------
// A tiny seeded PRNG: sfc32, its state filled by splitmix32. One independent stream per purpose,
// so that changing --uses does not change the employees.

export type Random = () => number;

export function seededRandom(seed: number, stream: string): Random {
  let h = 0x811c9dc5 ^ seed;
  for (const char of stream) h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 0x01000193);
  let s = h >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const below = (random: Random, n: number) => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[below(random, items.length)] as T;
/** Standard normal (Box–Muller). */
const normal = (random: Random) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/**
 * The inverse CDF of a density rising linearly over [0, 1] from `floor` to `floor + 1`: activity
 * that grows over time (more bots and uses lately). Fed increasing u, it gives increasing x.
 */
const growing = (u: number, floor: number) => -floor + Math.sqrt(floor * floor + u * (2 * floor + 1));

/** Index of the first entry of an ascending array greater than `value` (clamped to the last). */
function upperBound(ascending: Float64Array, value: number): number {
  let lo = 0;
  let hi = ascending.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ascending[mid] as number) > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// The company

interface Department {
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

const DEPARTMENTS: Department[] = DEPARTMENT_NAMES.map(([name, timezone], k) => ({
  name,
  timezone,
  // Drivers are about 5 % of the company (and have no Slack); the rest fall off like 1/rank.
  weight: name === DRIVERS ? 0.149 : name === EXECUTIVE ? 0.004 : 1 / (k + 3),
}));
const DRIVERS_INDEX = DEPARTMENTS.findIndex((d) => d.name === DRIVERS);
const EXECUTIVE_INDEX = DEPARTMENTS.findIndex((d) => d.name === EXECUTIVE);
const CHINESE_TIMEZONES = new Set(['Asia/Shanghai', 'Asia/Singapore']);
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

interface Roster {
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

function planRoster(count: number, todayDay: number, seed: number): Roster {
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

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const reusedDate = new Date(0);
const isoTime = (ms: number) => {
  reusedDate.setTime(ms);
  return reusedDate.toISOString();
};
const orNull = (value: number) => (value > 0 ? String(value) : '\\N');

/** Rows in COPY text format (tab-separated, \N for null); no generated text holds a tab or newline. */
function* employeeLines(roster: Roster, seed: number): Generator<string> {
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
function* historyLines(roster: Roster): Generator<string> {
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

// ---------------------------------------------------------------------------------------------
// Bots and their reviews

const STATUS = ['submitted', 'approved', 'changes_requested', 'rejected', 'withdrawn'] as const;
const [SUBMITTED, APPROVED, CHANGES_REQUESTED, REJECTED, WITHDRAWN] = [0, 1, 2, 3, 4];
const DECISION = [null, 'approved', 'changes_requested', 'rejected'] as const;

interface Catalog {
  count: number;
  /** Index j holds bot id j + 1; bots are numbered in submission order. */
  ownerId: Int32Array;
  submittedAt: Float64Array;
  status: Uint8Array;
  withdrawnAt: Float64Array;
  /** Up to two reviews per bot: decision (0 = none), time, reviewer, score (0 = none). */
  review: { decision: Uint8Array; at: Float64Array; reviewer: Int32Array; score: Uint8Array }[];
  hoursSaved: Float32Array;
  /** Cumulative popularity (Zipf-like over a random ranking that favours approved bots). */
  popularity: Float64Array;
}

function planCatalog(count: number, roster: Roster, todayMs: number, seed: number): Catalog {
  const random = seededRandom(seed, 'bots');
  const start = todayMs - HISTORY_DAYS * DAY_MS;
  const span = HISTORY_DAYS * DAY_MS;
  const builders: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  roster.builderWeight.forEach((w, i) => {
    if (w > 0) {
      total += w;
      builders.push(i + 1);
      cumulative.push(total);
    }
  });
  const builderCumulative = Float64Array.from(cumulative);
  const employed = (id: number, day: number) =>
    (roster.hireDay[id - 1] as number) <= day &&
    ((roster.leftDay[id - 1] as number) < 0 || (roster.leftDay[id - 1] as number) > day);

  const catalog: Catalog = {
    count,
    ownerId: new Int32Array(count),
    submittedAt: new Float64Array(count),
    status: new Uint8Array(count),
    withdrawnAt: new Float64Array(count),
    review: [0, 1].map(() => ({
      decision: new Uint8Array(count),
      at: new Float64Array(count),
      reviewer: new Int32Array(count),
      score: new Uint8Array(count),
    })),
    hoursSaved: new Float32Array(count),
    popularity: new Float64Array(count),
  };
  const [first, second] = catalog.review as [Catalog['review'][0], Catalog['review'][0]];
  const score = () => {
    const r = random();
    return r < 0.05 ? 1 : r < 0.15 ? 2 : r < 0.45 ? 3 : r < 0.8 ? 4 : 5;
  };
  const reviewerFor = (owner: number) => {
    const reviewer = pick(random, roster.reviewers);
    return reviewer === owner && roster.reviewers.length > 1 ? pick(random, roster.reviewers) : reviewer;
  };
  for (let j = 0; j < count; j++) {
    const submitted = Math.round(start + growing((j + random()) / count, 0.25) * span);
    const day = Math.floor(submitted / DAY_MS);
    let owner = 1;
    for (let tries = 0; tries < 100; tries++) {
      const candidate = builders[upperBound(builderCumulative, random() * total)] as number;
      if (employed(candidate, day)) {
        owner = candidate;
        break;
      }
    }
    catalog.ownerId[j] = owner;
    catalog.submittedAt[j] = submitted;
    const room = todayMs - submitted;
    // Reviews take 0–10 days, most of them short.
    const decided = submitted + Math.round(10 * DAY_MS * random() ** 2) + 60_000;
    const r = random();
    let status = SUBMITTED;
    if (r < 0.85 && r >= 0.75 && room > 600_000) {
      status = WITHDRAWN;
      const withdrawn = submitted + 60_000 + Math.round(Math.min(60 * DAY_MS, room - 120_000) * random());
      catalog.withdrawnAt[j] = withdrawn;
      if (random() < 0.3) {
        first.decision[j] = CHANGES_REQUESTED;
        first.at[j] = submitted + Math.round((withdrawn - submitted) * 0.9 * random());
        first.reviewer[j] = reviewerFor(owner);
      }
    } else if (r < 0.75 && decided < todayMs) {
      status = r < 0.6 ? APPROVED : r < 0.7 ? REJECTED : CHANGES_REQUESTED;
      let last = first;
      if (status === APPROVED && random() < 0.12) {
        first.decision[j] = CHANGES_REQUESTED;
        first.at[j] = submitted + Math.round((decided - submitted) * 0.9 * random());
        first.reviewer[j] = reviewerFor(owner);
        last = second;
      }
      last.decision[j] = status;
      last.at[j] = decided;
      last.reviewer[j] = reviewerFor(owner);
      last.score[j] =
        status === APPROVED ? score() : status === REJECTED && random() < 0.5 ? 1 + below(random, 2) : 0;
    }
    catalog.status[j] = status;
    if (random() < (status === APPROVED ? 0.7 : 0.35)) {
      catalog.hoursSaved[j] = Math.round((0.5 + 19.5 * random() ** 2) * 4) / 4;
    }
  }

  // A few bots are very popular: weight 1 / (rank + 5) over a shuffled ranking.
  const key = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const status = catalog.status[j];
    key[j] = -Math.log(1 - random()) * (status === APPROVED ? 1 : status === SUBMITTED ? 3 : 6);
  }
  const order = Uint32Array.from({ length: count }, (_, j) => j).sort(
    (p, q) => (key[p] as number) - (key[q] as number),
  );
  const weight = new Float64Array(count);
  order.forEach((j, rank) => {
    weight[j] = 1 / (rank + 5);
  });
  let running = 0;
  for (let j = 0; j < count; j++) {
    running += weight[j] as number;
    catalog.popularity[j] = running;
  }
  return catalog;
}

const BOT_ADJECTIVES = ['Quick', 'Smart', 'Daily', 'Weekly', 'Auto', 'Friendly', 'Tiny', 'Clever', 'Team'];
// biome-ignore format: a word list
const BOT_NOUNS = [
  'Invoice Checker', 'Meeting Summariser', 'Ticket Triage', 'Contract Reviewer', 'SQL Helper',
  'Release Notes Writer', 'Onboarding Buddy', 'Expense Assistant', 'Route Planner', 'FAQ Bot',
];
const BOT_NAMES_ZH = ['合同审查助手', '周报生成器', '客户问答机器人', '发票核对', '会议纪要助手', '库存预警'];
// biome-ignore format: a word list
const PLATFORMS = [
  'ChatGPT', 'Claude', 'Copilot Studio', 'Dify', 'Coze', 'n8n', 'Zapier', 'Python', 'Power Automate',
];
const CATEGORIES = ['sales', 'support', 'engineering', 'hr', 'finance', 'operations', 'marketing', 'legal'];

function* botLines(catalog: Catalog, roster: Roster, seed: number): Generator<string> {
  const random = seededRandom(seed, 'bot-text');
  const [first, second] = catalog.review as [Catalog['review'][0], Catalog['review'][0]];
  let chunk = '';
  for (let j = 0; j < catalog.count; j++) {
    const id = j + 1;
    const owner = catalog.ownerId[j] as number;
    const chinese = CHINESE_TIMEZONES.has(
      DEPARTMENTS[roster.department[owner - 1] as number]?.timezone ?? '',
    );
    const name =
      chinese && random() < 0.7
        ? `${pick(random, BOT_NAMES_ZH)} ${id}`
        : `${pick(random, BOT_ADJECTIVES)} ${pick(random, BOT_NOUNS)} ${id}`;
    const link = random() < 0.7 ? `https://bots.example.com/${id}` : '\\N';
    const last = second.decision[j] ? second : first.decision[j] ? first : null;
    const submitted = catalog.submittedAt[j] as number;
    const withdrawn = catalog.withdrawnAt[j] as number;
    const decided = last ? (last.at[j] as number) : 0;
    const hours = catalog.hoursSaved[j] as number;
    const status = catalog.status[j] as number;
    const token =
      status === APPROVED && random() < 0.03
        ? createHash('sha256').update(`seed-token-${seed}-${id}`).digest('hex')
        : '\\N';
    chunk +=
      `${id}\t${owner}\t${name}\tSaves the team time on ${pick(random, CATEGORIES)} chores.\t${link}\t` +
      `${pick(random, PLATFORMS)}\t${pick(random, CATEGORIES)}\t${hours > 0 ? hours.toFixed(2) : '\\N'}\t` +
      `${STATUS[status]}\t${last ? (last.reviewer[j] as number) : '\\N'}\t${token}\t${isoTime(submitted)}\t` +
      `${decided ? isoTime(decided) : '\\N'}\t${withdrawn ? isoTime(withdrawn) : '\\N'}\t${isoTime(submitted)}\t` +
      `${isoTime(Math.max(submitted, decided, withdrawn))}\n`;
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

const REVIEW_COMMENTS = ['Looks good.', 'Nice work!', 'Please add a description of the data it uses.', '\\N'];

function* reviewLines(catalog: Catalog, seed: number): Generator<string> {
  const random = seededRandom(seed, 'review-text');
  let chunk = '';
  let rowId = 0;
  for (let j = 0; j < catalog.count; j++) {
    for (const review of catalog.review) {
      const decision = review.decision[j] as number;
      if (!decision) continue;
      const score = review.score[j] as number;
      chunk += `${++rowId}\t${j + 1}\t${review.reviewer[j]}\t${DECISION[decision]}\t${score || '\\N'}\t${pick(random, REVIEW_COMMENTS)}\t${isoTime(review.at[j] as number)}\n`;
    }
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

// ---------------------------------------------------------------------------------------------
// Usage: time-ordered (as the app appends them), skewed over bots, mostly by colleagues

function* usageLines(
  count: number,
  catalog: Catalog,
  roster: Roster,
  todayMs: number,
  seed: number,
  progress: (rows: number) => void,
): Generator<string> {
  const random = seededRandom(seed, 'usage');
  const start = todayMs - HISTORY_DAYS * DAY_MS;
  const span = HISTORY_DAYS * DAY_MS;
  const totalPopularity = catalog.popularity[catalog.count - 1] as number;
  const usable = (j: number, t: number) =>
    (catalog.submittedAt[j] as number) <= t &&
    ((catalog.withdrawnAt[j] as number) === 0 || (catalog.withdrawnAt[j] as number) > t);
  const employed = (id: number, day: number) =>
    (roster.hireDay[id - 1] as number) <= day &&
    ((roster.leftDay[id - 1] as number) < 0 || (roster.leftDay[id - 1] as number) > day);
  let chunk = '';
  let nextProgress = 1_000_000;
  for (let i = 0; i < count; i++) {
    let t = Math.round(start + growing((i + random()) / count, 0.15) * span);
    let j = -1;
    for (let tries = 0; tries < 64 && j < 0; tries++) {
      const candidate = upperBound(catalog.popularity, random() * totalPopularity);
      if (usable(candidate, t)) j = candidate;
    }
    if (j < 0) {
      // Early on few bots exist: any bot already submitted, else the first one, just after it.
      const existing = upperBound(catalog.submittedAt, t);
      j = below(random, existing + 1);
      if (!usable(j, t)) {
        j = 0;
        t = Math.max(t, (catalog.submittedAt[0] as number) + 60_000);
      }
    }
    const owner = catalog.ownerId[j] as number;
    const day = Math.floor(t / DAY_MS);
    const r = random();
    let user = 0;
    if (r >= 0.03 && r < 0.05) user = owner;
    else if (r >= 0.05) {
      const colleagues = roster.members[roster.department[owner - 1] as number] as Int32Array;
      for (let tries = 0; tries < 16 && user === 0; tries++) {
        const candidate =
          random() < 0.6
            ? (colleagues[below(random, colleagues.length)] as number)
            : 1 + below(random, roster.count);
        if (candidate !== owner && employed(candidate, day)) user = candidate;
      }
      if (user === 0 && roster.count > 1) user = owner === 1 ? 2 : 1;
    }
    const s = random();
    // Only Slack actions are uses (reports from the usage API live in reported_uses, not seeded);
    // a draw without a colleague becomes the owner's own press, which no figure counts.
    if (user === 0) user = owner;
    const source = s < 0.6 ? 'slash' : 'button';
    chunk += `${i + 1}\t${j + 1}\t${orNull(user)}\t${source}\t${isoTime(t)}\n`;
    if ((i & 2047) === 2047) {
      yield chunk;
      chunk = '';
      if (i + 1 >= nextProgress) {
        progress(i + 1);
        nextProgress += 1_000_000;
      }
    }
  }
  if (chunk) yield chunk;
}

/** The current quarter and the eight before it, as HR would have created them. */
function reviewPeriods(todayMs: number): { name: string; start: string; end: string }[] {
  const today = new Date(todayMs);
  let year = today.getUTCFullYear();
  let quarter = Math.floor(today.getUTCMonth() / 3);
  const periods: { name: string; start: string; end: string }[] = [];
  for (let n = 0; n < 9; n++) {
    const startDate = new Date(Date.UTC(year, quarter * 3, 1));
    const endDate = new Date(Date.UTC(year, quarter * 3 + 3, 0));
    periods.push({
      name: `${year}-Q${quarter + 1}`,
      start: startDate.toISOString().slice(0, 10),
      end: endDate.toISOString().slice(0, 10),
    });
    quarter -= 1;
    if (quarter < 0) {
      quarter = 3;
      year -= 1;
    }
  }
  return periods.reverse();
}

// ---------------------------------------------------------------------------------------------
// Loading

type Sql = postgres.Sql;
type TransactionSql = postgres.TransactionSql;

const COLUMNS: Record<(typeof LOADED_TABLES)[number], string> = {
  employees:
    'id, slack_user_id, hr_employee_id, name, email, department, manager_id, title, timezone, is_guest, ' +
    'active_from, active_until, reminders_opt_out, org_source, created_at, updated_at',
  employee_history: 'id, employee_id, valid_from, valid_to, department, manager_id, active',
  bots:
    'id, owner_id, name, description, link, platform, category, hours_saved_per_week, status, reviewer_id, ' +
    'usage_token_hash, submitted_at, decided_at, withdrawn_at, created_at, updated_at',
  reviews: 'id, bot_id, reviewer_id, decision, score, comment, decided_at',
  usage_events: 'id, bot_id, user_id, source, occurred_at',
};

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

interface Deferred {
  indexes: { table: string; name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

/** Drops the loaded tables' secondary indexes and foreign keys, returning how to re-create them. */
async function dropForLoad(tx: TransactionSql): Promise<Deferred> {
  const tables = [...LOADED_TABLES];
  const foreignKeys = await tx<{ table: string; name: string; definition: string }[]>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint
    where contype = 'f' and conrelid = any(${tables}::regclass[])
    order by conrelid::regclass::text, conname`;
  // Indexes that back a constraint (primary keys) stay.
  const indexes = await tx<{ table: string; name: string; definition: string }[]>`
    select i.indrelid::regclass::text as table, i.indexrelid::regclass::text as name,
           pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid = any(${tables}::regclass[])
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by i.indrelid::regclass::text, i.indexrelid::regclass::text`;
  for (const fk of foreignKeys) await tx.unsafe(`alter table ${fk.table} drop constraint ${quoted(fk.name)}`);
  for (const index of indexes) await tx.unsafe(`drop index ${index.name}`);
  return { indexes, foreignKeys };
}

async function copyInto(
  tx: TransactionSql,
  table: (typeof LOADED_TABLES)[number],
  lines: Iterable<string>,
  freeze: boolean,
): Promise<void> {
  const writable = await tx
    .unsafe(`copy ${table} (${COLUMNS[table]}) from stdin${freeze ? ' with (freeze)' : ''}`)
    .writable();
  await pipeline(Readable.from(lines), writable);
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const thousands = (n: number) => n.toLocaleString('en-US');

async function seed(options: Options): Promise<number> {
  const started = performance.now();
  const migrating = openPostgres(options.databaseUrl, { max: 1 });
  try {
    await migrating.migrate();
  } finally {
    await migrating.close();
  }
  const sql: Sql = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql<{ count: number }[]>`select count(*)::int as count from employees`;
    const existingEmployees = existing?.count ?? 0;
    if (existingEmployees > 0 && !options.truncate) {
      console.error(
        `The database already has ${thousands(existingEmployees)} employees; seeding would mix made-up people with them. ` +
          'Nothing was changed. Re-run with --truncate to empty employees and everything that references them ' +
          '(history, bots, reviews, usage, audit log) and the review periods first.',
      );
      return 1;
    }

    const todayMs = Date.parse(`${options.today}T00:00:00Z`);
    const todayDay = todayMs / DAY_MS;
    let step = performance.now();
    const roster = planRoster(options.employees, todayDay, options.seed);
    const catalog = planCatalog(options.bots, roster, todayMs, options.seed);
    console.log(`planned the company in memory: ${seconds(step)} s`);
    const report = (label: string, rows: number | null, since: number) =>
      console.log(
        `${label.padEnd(34)} ${rows === null ? '' : `${thousands(rows)} rows`.padStart(18)}  ${seconds(since).padStart(6)} s`,
      );

    await sql.begin(async (tx) => {
      await tx`set local maintenance_work_mem = '512MB'`;
      await tx`set local work_mem = '256MB'`;
      step = performance.now();
      // Truncating in this transaction also lets COPY write the rows frozen (no vacuum pass later).
      // The other loaded tables are empty whenever employees is (they all reference it).
      const truncated = options.truncate
        ? ['employees', 'employee_history', 'bots', 'reviews', 'usage_events', 'review_periods']
        : ['employee_history', 'bots', 'reviews', 'usage_events'];
      await tx.unsafe(`truncate ${truncated.join(', ')} restart identity cascade`);
      const deferred = await dropForLoad(tx);
      report(`emptied, dropped ${deferred.indexes.length} idx/${deferred.foreignKeys.length} fk`, null, step);
      const freeze = (table: string) => truncated.includes(table);

      step = performance.now();
      await copyInto(tx, 'employees', employeeLines(roster, options.seed), freeze('employees'));
      report('employees', roster.count, step);
      step = performance.now();
      await copyInto(tx, 'employee_history', historyLines(roster), true);
      const [history] = await tx<{ count: number }[]>`select count(*)::int as count from employee_history`;
      report('employee_history', history?.count ?? 0, step);
      step = performance.now();
      await copyInto(tx, 'bots', botLines(catalog, roster, options.seed), true);
      report('bots', catalog.count, step);
      step = performance.now();
      await copyInto(tx, 'reviews', reviewLines(catalog, options.seed), true);
      const [reviewCount] = await tx<{ count: number }[]>`select count(*)::int as count from reviews`;
      report('reviews', reviewCount?.count ?? 0, step);
      step = performance.now();
      const usageStarted = step;
      await copyInto(
        tx,
        'usage_events',
        usageLines(options.uses, catalog, roster, todayMs, options.seed, (rows) =>
          console.log(`  usage_events ${thousands(rows)} rows after ${seconds(usageStarted)} s`),
        ),
        true,
      );
      report('usage_events', options.uses, step);
      step = performance.now();
      const periods = reviewPeriods(todayMs);
      for (const period of periods) {
        await tx`insert into review_periods (name, starts_on, ends_on, required_approved_bots, created_by)
                 values (${period.name}, ${period.start}, ${period.end}, 1, 'seed') on conflict do nothing`;
      }
      report('review_periods', periods.length, step);
      for (const table of LOADED_TABLES) {
        await tx.unsafe(
          `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`,
        );
      }

      for (const table of LOADED_TABLES) {
        const own = deferred.indexes.filter((index) => index.table === table);
        if (own.length === 0) continue;
        step = performance.now();
        for (const index of own) await tx.unsafe(index.definition);
        report(`indexes on ${table} (${own.length})`, null, step);
      }
      step = performance.now();
      for (const fk of deferred.foreignKeys) {
        await tx.unsafe(`alter table ${fk.table} add constraint ${quoted(fk.name)} ${fk.definition}`);
      }
      report(`foreign keys (${deferred.foreignKeys.length}, checked)`, null, step);
      step = performance.now();
      const sessionCount = await seedSessions(tx, roster.count, options.today);
      report('training_sessions, attendance', sessionCount, step);
    });

    step = performance.now();
    await sql.unsafe(
      `vacuum (analyze) ${[...LOADED_TABLES, 'review_periods', 'training_sessions', 'session_attendance'].join(', ')}`,
    );
    report('vacuum analyze', null, step);
    console.log(
      `${'total'.padEnd(34)} ${''.padStart(18)}  ${seconds(started).padStart(6)} s  (seed ${options.seed}, data up to ${options.today})`,
    );
    return 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** AI sessions held over the history (one per 50 employees, 2 years), 25 seats, 20 marked as attending. */
const EMPLOYEES_PER_SESSION = 50;
const ATTENDEES_PER_SESSION = 20;

/**
 * Sessions and attendance, in SQL after the roster is loaded (ids 1…n, hosts and attendees spread
 * by multiplicative hashing, so a run is repeatable). About 5% of the company attends in a quarter.
 */
async function seedSessions(tx: TransactionSql, employees: number, today: string): Promise<number> {
  const sessions = Math.max(1, Math.round(employees / EMPLOYEES_PER_SESSION));
  await tx`truncate training_sessions, session_seats, session_attendance restart identity cascade`;
  await tx`insert into training_sessions (title, starts_at, minutes, location, seats, host_id, created_by, created_at)
    select 'AI session ' || g,
           ${today}::date - ((g::bigint * ${HISTORY_DAYS}) / ${sessions})::int + time '10:00',
           60, 'Room ' || (g % 40), 25, 1 + (g::bigint * 7919) % ${employees}, 'seed',
           ${today}::date - ((g::bigint * ${HISTORY_DAYS}) / ${sessions})::int - 14
    from generate_series(1, ${sessions}) g`;
  await tx`insert into session_attendance (session_id, employee_id, marked_by, marked_at)
    select s.id, 1 + (s.id::bigint * 104729 + k::bigint * 15485863) % ${employees}, 'seed', s.starts_at + interval '2 hours'
    from training_sessions s, generate_series(1, ${ATTENDEES_PER_SESSION}) k
    on conflict do nothing`;
  const [row] = await tx<{ count: number }[]>`select count(*)::int as count from session_attendance`;
  return row?.count ?? 0;
}

const OPTION_SPEC = {
  employees: { type: 'string', default: '100000' },
  bots: { type: 'string', default: '500000' },
  uses: { type: 'string', default: '10000000' },
  seed: { type: 'string', default: '1' },
  today: { type: 'string' },
  'database-url': { type: 'string' },
  truncate: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function parseOptions(args: string[]): Options | string {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTION_SPEC }>>['values'];
  try {
    values = parseArgs({ args, options: OPTION_SPEC, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return `${(error as Error).message}\n${USAGE}`;
  }
  if (values.help) return USAGE;
  const whole = (name: string, text: string, min: number, max: number): number | string => {
    const value = Number(text.replaceAll('_', ''));
    return Number.isInteger(value) && value >= min && value <= max
      ? value
      : `--${name} must be a whole number from ${min} to ${thousands(max)} (got ${text})`;
  };
  const employees = whole('employees', values.employees, 1, 2_000_000);
  const bots = whole('bots', values.bots, 1, 10_000_000);
  const uses = whole('uses', values.uses, 0, 200_000_000);
  const seedValue = whole('seed', values.seed, 0, 2 ** 31 - 1);
  for (const value of [employees, bots, uses, seedValue]) if (typeof value === 'string') return value;
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
    return `--today must be a date like 2026-11-30 (got ${today})`;
  }
  let databaseUrl = values['database-url'];
  if (databaseUrl === undefined) {
    const { database } = loadDatabaseConfig(process.env);
    if (database.kind !== 'postgres') {
      return 'Set DATABASE_URL or pass --database-url postgres://…: the seed fills a Postgres server, not the embedded database.';
    }
    databaseUrl = database.url;
  } else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return '--database-url must be a postgres:// or postgresql:// URL';
  }
  return {
    employees: employees as number,
    bots: bots as number,
    uses: uses as number,
    seed: seedValue as number,
    today,
    databaseUrl,
    truncate: values.truncate || values.force,
  };
}

try {
  const options = parseOptions(process.argv.slice(2));
  if (typeof options === 'string') {
    console.error(options);
    process.exitCode = options === USAGE ? 0 : 1;
  } else {
    console.log(
      `seeding ${thousands(options.employees)} employees, ${thousands(options.bots)} bots, ${thousands(options.uses)} usage events (seed ${options.seed})`,
    );
    process.exitCode = await seed(options);
  }
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `seed failed; nothing was changed: ${errorSummary(error)}`,
  );
  process.exitCode = 1;
}

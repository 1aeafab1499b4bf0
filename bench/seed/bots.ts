/** Bots: who submitted what and when, how each was reviewed, and how popular it is. */

import { createHash } from 'node:crypto';
import { botStatus, reviewDecision } from '../../src/db/schema.js';
import { CATEGORIES, PLATFORMS } from '../../src/domain/bot-draft.js';
import { CHINESE_TIMEZONES, DEPARTMENTS, employedOn, type Roster } from './people.js';
import { below, growing, pick, seededRandom, upperBound } from './random.js';
import { DAY_MS, HISTORY_DAYS, isoTime } from './rows.js';

type BotStatus = (typeof botStatus.enumValues)[number];
type ReviewDecision = (typeof reviewDecision.enumValues)[number];

/** A bot's status in the catalog: its index in the schema's enum. */
const statusCode = (status: BotStatus) => botStatus.enumValues.indexOf(status);
/** A review's decision in the catalog: 1 + its index in the schema's enum; 0 = no review. */
const decisionCode = (decision: ReviewDecision) => reviewDecision.enumValues.indexOf(decision) + 1;
export const decisionText = (code: number) => reviewDecision.enumValues[code - 1];
const SUBMITTED = statusCode('submitted');
const APPROVED = statusCode('approved');
const WITHDRAWN = statusCode('withdrawn');

export interface Catalog {
  count: number;
  /** Index j holds bot id j + 1; bots are numbered in submission order. */
  ownerId: Int32Array;
  submittedAt: Float64Array;
  status: Uint8Array;
  withdrawnAt: Float64Array;
  /** Up to two reviews per bot: decision (decisionCode, 0 = none), time, reviewer, score (0 = none). */
  review: { decision: Uint8Array; at: Float64Array; reviewer: Int32Array; score: Uint8Array }[];
  hoursSaved: Float32Array;
  /** Cumulative popularity (Zipf-like over a random ranking that favours approved bots). */
  popularity: Float64Array;
}

export function planCatalog(count: number, roster: Roster, todayMs: number, seed: number): Catalog {
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
      if (employedOn(roster, candidate, day)) {
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
        first.decision[j] = decisionCode('changes_requested');
        first.at[j] = submitted + Math.round((withdrawn - submitted) * 0.9 * random());
        first.reviewer[j] = reviewerFor(owner);
      }
    } else if (r < 0.75 && decided < todayMs) {
      const decision: ReviewDecision = r < 0.6 ? 'approved' : r < 0.7 ? 'rejected' : 'changes_requested';
      status = statusCode(decision);
      let last = first;
      if (decision === 'approved' && random() < 0.12) {
        first.decision[j] = decisionCode('changes_requested');
        first.at[j] = submitted + Math.round((decided - submitted) * 0.9 * random());
        first.reviewer[j] = reviewerFor(owner);
        last = second;
      }
      last.decision[j] = decisionCode(decision);
      last.at[j] = decided;
      last.reviewer[j] = reviewerFor(owner);
      last.score[j] =
        decision === 'approved'
          ? score()
          : decision === 'rejected' && random() < 0.5
            ? 1 + below(random, 2)
            : 0;
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
/** What the description says a bot helps with (free text, not the category). */
const CHORES = ['sales', 'support', 'engineering', 'hr', 'finance', 'operations', 'marketing', 'legal'];
/** The values the submission form stores. */
const PLATFORM_VALUES = PLATFORMS.map((platform) => platform.value);
const CATEGORY_VALUES = CATEGORIES.map((category) => category.value);

export function* botLines(catalog: Catalog, roster: Roster, seed: number): Generator<string> {
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
      `${id}\t${owner}\t${name}\tSaves the team time on ${pick(random, CHORES)} chores.\t${link}\t` +
      `${pick(random, PLATFORM_VALUES)}\t${pick(random, CATEGORY_VALUES)}\t${hours > 0 ? hours.toFixed(2) : '\\N'}\t` +
      `${botStatus.enumValues[status]}\t${last ? (last.reviewer[j] as number) : '\\N'}\t${token}\t${isoTime(submitted)}\t` +
      `${decided ? isoTime(decided) : '\\N'}\t${withdrawn ? isoTime(withdrawn) : '\\N'}\t${isoTime(submitted)}\t` +
      `${isoTime(Math.max(submitted, decided, withdrawn))}\n`;
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

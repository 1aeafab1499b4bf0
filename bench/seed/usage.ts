/** Usage: time-ordered (as the app appends them), skewed over bots, mostly by colleagues. */

import type { Catalog } from './bots.js';
import { employedOn, type Roster } from './people.js';
import { below, growing, seededRandom, upperBound } from './random.js';
import { DAY_MS, HISTORY_DAYS, isoTime, orNull } from './rows.js';

export function* usageLines(
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
        if (candidate !== owner && employedOn(roster, candidate, day)) user = candidate;
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

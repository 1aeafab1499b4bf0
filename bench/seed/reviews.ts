/** Reviews of the planned bots, and the review periods HR would have created. */

import { type Catalog, decisionText } from './bots.js';
import { pick, seededRandom } from './random.js';
import { isoTime } from './rows.js';

const REVIEW_COMMENTS = ['Looks good.', 'Nice work!', 'Please add a description of the data it uses.', '\\N'];

export function* reviewLines(catalog: Catalog, seed: number): Generator<string> {
  const random = seededRandom(seed, 'review-text');
  let chunk = '';
  let rowId = 0;
  for (let j = 0; j < catalog.count; j++) {
    for (const review of catalog.review) {
      const decision = review.decision[j] as number;
      if (!decision) continue;
      const score = review.score[j] as number;
      chunk += `${++rowId}\t${j + 1}\t${review.reviewer[j]}\t${decisionText(decision)}\t${score || '\\N'}\t${pick(random, REVIEW_COMMENTS)}\t${isoTime(review.at[j] as number)}\n`;
    }
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** The current quarter and the eight before it, as HR would have created them. */
export function reviewPeriods(todayMs: number): { name: string; start: string; end: string }[] {
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

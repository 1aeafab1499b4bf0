/** The seed's calendar and the text of COPY rows (tab-separated, \N for null). */

export const DAY_MS = 86_400_000;
/** Bots and usage span the two years before --today. */
export const HISTORY_DAYS = 730;

export const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const reusedDate = new Date(0);
export const isoTime = (ms: number) => {
  reusedDate.setTime(ms);
  return reusedDate.toISOString();
};
export const orNull = (value: number) => (value > 0 ? String(value) : '\\N');

export const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
export const thousands = (n: number) => n.toLocaleString('en-US');

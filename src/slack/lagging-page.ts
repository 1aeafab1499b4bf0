import { auditMany } from '../domain/access.js';
import { laggingPeople } from '../domain/hr-records.js';
import type { Translator } from '../i18n/index.js';
import { renderLaggingPage } from './blocks/hr-records.js';
import type { SlackMessage } from './blocks/kit.js';
import type { AppDeps } from './deps.js';

/** One page of `lagging`, audited as one row per person shown (the command and the next-page button). */
export async function showLaggingPage(
  deps: AppDeps,
  userId: string,
  args: string[],
  page: number,
  tr: Translator,
): Promise<SlackMessage> {
  const { config } = deps;
  const now = deps.now();
  const options = { now, timezone: config.digest.timezone, includeGuests: config.includeGuests };
  const lagging = await laggingPeople(deps.db, args, page, options);
  await auditMany(
    deps.db,
    lagging.people.map((person) => ({
      actor: userId,
      action: 'lagging_viewed',
      via: 'command' as const,
      subjectEmployeeId: person.rosterId,
      detail: { period: lagging.period.name, department: lagging.department, page: lagging.page },
    })),
    now,
  );
  return renderLaggingPage(tr, lagging, args);
}

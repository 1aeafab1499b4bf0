import type { webApi } from '@slack/bolt';
import { findLocalesByEmployeeIds } from '../db/queries/employees.js';
import { auditMany } from '../domain/access.js';
import type { BotDraftInput } from '../domain/bot-draft.js';
import {
  answerEntry,
  authoriseEntry,
  type EntryActor,
  type EntryResult,
  type EntrySubject,
  type EntryTarget,
  loadEntryView,
  submitBotFor,
} from '../domain/entries-for-others.js';
import { isoDay } from '../domain/periods.js';
import { teamPage } from '../domain/team.js';
import { localeOf, type Translator, translator } from '../i18n/index.js';
import {
  renderEntryAnswered,
  renderEntryAnswerForEnterer,
  renderEntryNotPending,
  renderEntryRefused,
  renderEntrySaved,
  renderSubmitForForm,
} from './blocks/entries.js';
import type { SlackMessage } from './blocks/kit.js';
import { renderNoReviewer, renderReviewerAssigned } from './blocks/review.js';
import { renderTeamPage } from './blocks/team.js';
import type { AppDeps } from './deps.js';
import { isHr } from './hr-gate.js';
import { kickDeliveries, logNoReviewer, reviewRouting } from './notify.js';
import { fetchSlackProfile } from './profile.js';
import { requesterTranslator } from './requester.js';

type WebClient = webApi.WebClient;

/**
 * The Slack side of entering bots for someone else and of a manager's team (issue 14): who the
 * actor is, the forms, the confirmation buttons, and who hears what. The rules are in
 * src/domain/entries-for-others.ts and src/domain/team.ts.
 */

/** The person acting, with the roles that may let them enter for others. */
export async function entryActor(deps: AppDeps, client: WebClient, slackUserId: string): Promise<EntryActor> {
  const employeeId = await deps.employees.ensure(
    deps.db,
    slackUserId,
    () => fetchSlackProfile(client, slackUserId),
    { name: slackUserId, email: null, timezone: null, title: null, isGuest: false },
    deps.now(),
  );
  return {
    employeeId,
    slackUserId,
    isHr: await isHr(deps, client, slackUserId),
    isChampion: deps.config.reviewerUserIds.includes(slackUserId),
  };
}

function today(deps: AppDeps): string {
  return isoDay(deps.now(), deps.config.digest.timezone);
}

/** `submit for <who>` (or the Home button): the form titled for them, or why not. */
export async function openSubmitForForm(
  deps: AppDeps,
  client: WebClient,
  input: { slackUserId: string; triggerId: string; target: EntryTarget; via: 'command' | 'home' },
): Promise<SlackMessage | null> {
  const actor = await entryActor(deps, client, input.slackUserId);
  const auth = await authoriseEntry(deps.db, actor, input.target, deps.now(), today(deps), input.via);
  const tr = await requesterTranslator(deps, input.slackUserId);
  if (auth.kind === 'refused') return renderEntryRefused(auth, tr);
  await client.views.open({ trigger_id: input.triggerId, view: renderSubmitForForm(auth.subject, tr) });
  return null;
}

/** What happened, and the language of the one entering (for the answers that follow). */
export type EntryOutcome =
  | { kind: 'refused'; message: SlackMessage }
  | { kind: 'saved'; result: EntryResult; subject: EntrySubject; tr: Translator };

/** Checks who may, then stores the entry (audited); the caller answers, then calls `afterEntry`. */
export async function enterBotFor(
  deps: AppDeps,
  client: WebClient,
  input: { slackUserId: string; target: EntryTarget; draft: BotDraftInput },
): Promise<EntryOutcome> {
  const actor = await entryActor(deps, client, input.slackUserId);
  const now = deps.now();
  const auth = await authoriseEntry(deps.db, actor, input.target, now, today(deps));
  const tr = await requesterTranslator(deps, input.slackUserId);
  if (auth.kind === 'refused') return { kind: 'refused', message: renderEntryRefused(auth, tr) };
  const result = await submitBotFor(
    deps.db,
    actor,
    auth,
    input.draft,
    now,
    await reviewRouting(deps, client),
  );
  return { kind: 'saved', result, subject: auth.subject, tr };
}

/** The reply for a one-line entry: saved, and who reviews it (or that the owner is asked first). */
export async function entryReply(
  deps: AppDeps,
  outcome: Extract<EntryOutcome, { kind: 'saved' }>,
): Promise<SlackMessage> {
  const reply = renderEntrySaved(outcome.result, outcome.subject, deps.config.commands.bot, outcome.tr);
  const follow = await afterEntry(deps, outcome);
  return follow.length > 0 ? { ...reply, blocks: [...(reply.blocks ?? []), ...follow] } : reply;
}

/**
 * After an entry is stored: a person on Slack gets the confirmation DM (planned in the outbox with
 * the entry; sent now); for someone without Slack the review starts at once. Returns what to add to
 * the enterer's answer.
 */
export async function afterEntry(
  deps: AppDeps,
  outcome: Extract<EntryOutcome, { kind: 'saved' }>,
): Promise<SlackMessage['blocks'] & object> {
  const { result, tr } = outcome;
  if (!result.created) return [];
  if (result.awaitingConfirmation) {
    await deps.outbox
      .sendDue()
      .catch((error: unknown) =>
        deps.logger.error(
          { code: (error as { code?: string }).code, botId: result.bot.id },
          'sending the entry confirmation failed; the deliveries tick will retry',
        ),
      );
    return [];
  }
  // The reviewer's DM was planned with the entry: send it now.
  kickDeliveries(deps);
  const { review } = result;
  logNoReviewer(deps, review);
  if (!review) return [];
  if (review.kind === 'assigned' && review.context.reviewer)
    return [renderReviewerAssigned(review.context.reviewer.name, tr)];
  if (review.kind === 'no-reviewer') return renderNoReviewer(result.bot, tr).blocks ?? [];
  return [];
}

/**
 * "Yes, this is mine" / "Not mine": only the owner answers, once. Confirmed, the review starts;
 * either way whoever entered it is told. Returns the message that replaces the DM.
 */
export async function answerEntryButton(
  deps: AppDeps,
  client: WebClient,
  input: { slackUserId: string; botId: number; answer: 'confirmed' | 'declined' },
): Promise<SlackMessage | null> {
  const actorId = await deps.employees.find(deps.db, input.slackUserId);
  const outcome = await answerEntry(
    deps.db,
    { botId: input.botId, actorId, actorSlackUserId: input.slackUserId, answer: input.answer },
    deps.now(),
    await reviewRouting(deps, client),
  );
  if (outcome.kind === 'not-found' || outcome.kind === 'not-owner') return null;
  const view = await loadEntryView(deps.db, input.botId);
  if (!view) return null;
  const tr = await requesterTranslator(deps, input.slackUserId);
  if (outcome.kind === 'not-pending') return renderEntryNotPending(view, tr);
  if (outcome.answer === 'confirmed') kickDeliveries(deps); // the review request, planned with the answer
  const enterer = view.enteredBy?.slackUserId;
  if (enterer && view.enteredBy) {
    try {
      // A DM: in the language of the one who entered it.
      const locales = await findLocalesByEmployeeIds(deps.db, [view.enteredBy.id]);
      const theirs = translator(localeOf(locales.get(view.enteredBy.id), deps.locales.default), {
        timeZone: deps.config.digest.timezone,
      });
      await client.chat.postMessage({
        channel: enterer,
        ...renderEntryAnswerForEnterer(view, outcome.answer, theirs),
      });
    } catch (error) {
      deps.logger.error(
        { code: (error as { code?: string }).code, botId: view.bot.id },
        'could not tell the one who entered a bot what its owner answered',
      );
    }
  }
  return renderEntryAnswered(view, outcome.answer, tr);
}

/** `/bot team [period]`: one page of the caller's direct reports, each person shown audited. */
export async function showTeamPage(
  deps: AppDeps,
  slackUserId: string,
  periodText: string | undefined,
  page: number,
): Promise<SlackMessage> {
  const { config } = deps;
  const now = deps.now();
  const options = { now, timezone: config.digest.timezone, includeGuests: config.includeGuests };
  const managerId = await deps.employees.find(deps.db, slackUserId);
  const team = await teamPage(deps.db, managerId, periodText, page, options);
  // Audited before anything is shown: a look the log cannot record is not answered.
  if (team.records.length > 0)
    await auditMany(
      deps.db,
      team.records.map((record) => ({
        actor: slackUserId,
        action: 'team_viewed',
        via: 'command' as const,
        subjectEmployeeId: record.rosterId,
        detail: { period: team.period.name, page: team.page },
      })),
      now,
    );
  // In the manager's language, dates in their zone.
  return renderTeamPage(team, periodText, config.commands.bot, await requesterTranslator(deps, slackUserId));
}

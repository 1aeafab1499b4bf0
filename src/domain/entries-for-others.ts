import type { Db, Tx } from '../db/client.js';
import {
  answerOwnerConfirmation,
  type BotRow,
  findDuplicateBot,
  getBotById,
  insertBotUnlessDuplicate,
} from '../db/queries/bots.js';
import { insertPlannedDeliveries } from '../db/queries/deliveries.js';
import { findEmployeeByKey } from '../db/queries/employees.js';
import { findEmployeePerson } from '../db/queries/reviews.js';
import { audit } from './access.js';
import { type BotDraftInput, validateBotDraft } from './bot-draft.js';
import { UserError } from './errors.js';
import type { PersonTarget } from './hr-command.js';
import { type AssignmentOutcome, assignReviewerIn } from './reviewer-assignment.js';
import type { ReviewRouting } from './submissions.js';

/**
 * Bots entered for someone else (issue 14): people without Slack — drivers, warehouse and kitchen
 * staff — count in headcount, so their manager, an AI champion or HR may enter a bot for them. The
 * bot is the person's; who entered it is kept (`bots.entered_by_id`) and every entry, and every
 * refusal, is audited. An entry for someone who has Slack waits for their "Yes, this is mine".
 */

/** Why the one entering may: the person's manager on the roster now, an AI champion, or HR. */
export type EntryRole = 'manager' | 'champion' | 'hr';

export interface EntryActor {
  employeeId: number;
  slackUserId: string;
  isHr: boolean;
  /** In REVIEWER_USER_IDS. */
  isChampion: boolean;
}

/** The person a bot is entered for. */
export interface EntrySubject {
  id: number;
  name: string;
  email: string | null;
  slackUserId: string | null;
  managerId: number | null;
}

/** Whom an entry is for: as typed (a Slack user or an email), or by roster id (a form, a Home button). */
export type EntryTarget = PersonTarget | { kind: 'roster'; employeeId: number };

/**
 * Why nobody may enter a bot for the person named (the renderer says it, naming them as `target`
 * was typed): not on the roster, left the company, the actor themself, or not their manager, an
 * AI champion nor HR.
 */
export interface EntryRefusal {
  code: 'not_on_roster' | 'left' | 'self' | 'not_allowed';
  target: EntryTarget;
}

export type EntryAuthorisation =
  | { kind: 'allowed'; subject: EntrySubject; role: EntryRole }
  | ({ kind: 'refused' } & EntryRefusal);

/** The roster person a `submit for` names, still employed today; why not otherwise. */
export async function findEntrySubject(
  db: Tx,
  target: EntryTarget,
  today: string,
): Promise<EntrySubject | { refused: 'not_on_roster' | 'left' }> {
  const row = await findEmployeeByKey(db, target);
  if (!row) return { refused: 'not_on_roster' };
  if (row.activeUntil !== null && row.activeUntil <= today) return { refused: 'left' };
  const { activeUntil: _, ...subject } = row;
  return subject;
}

/** Manager first (the usual case), then AI champion, then HR; null: not allowed. */
export function entryRole(actor: EntryActor, subject: EntrySubject): EntryRole | null {
  if (subject.managerId !== null && subject.managerId === actor.employeeId) return 'manager';
  if (actor.isChampion) return 'champion';
  if (actor.isHr) return 'hr';
  return null;
}

/**
 * Whether `actor` may enter a bot for the person `target` names. A refusal is audited
 * (`bot_entry_refused`, with the person when known) and stores nothing else.
 */
export async function authoriseEntry(
  db: Db,
  actor: EntryActor,
  target: EntryTarget,
  now: Date,
  today: string,
  via: 'command' | 'home' = 'command',
): Promise<EntryAuthorisation> {
  const subject = await findEntrySubject(db, target, today);
  if ('refused' in subject) {
    // Audited as before: a person who left counts as not on the roster.
    await auditRefusal(db, actor, null, 'not_on_roster', now, via);
    return { kind: 'refused', code: subject.refused, target };
  }
  if (subject.id === actor.employeeId) {
    await auditRefusal(db, actor, subject.id, 'self', now, via);
    return { kind: 'refused', code: 'self', target };
  }
  const role = entryRole(actor, subject);
  if (role === null) {
    await auditRefusal(db, actor, subject.id, 'not_allowed', now, via);
    // The renderer does not name the person: whoever typed an email learns nothing about who is behind it.
    return { kind: 'refused', code: 'not_allowed', target };
  }
  return { kind: 'allowed', subject, role };
}

async function auditRefusal(
  db: Db,
  actor: EntryActor,
  subjectId: number | null,
  reason: string,
  now: Date,
  via: 'command' | 'home',
): Promise<void> {
  await audit(
    db,
    {
      actor: actor.slackUserId,
      action: 'bot_entry_refused',
      via,
      subjectEmployeeId: subjectId,
      detail: { reason },
    },
    now,
  );
}

export interface EntryResult {
  bot: BotRow;
  /** False when the person already had this bot (same name or link): nothing new is stored. */
  created: boolean;
  /** True when the bot waits for the person's confirmation (they have Slack). */
  awaitingConfirmation: boolean;
  /** Who reviews it, for an entry whose review started at once; null otherwise. */
  review: AssignmentOutcome | null;
}

export const ENTRY_CONFIRMATION_KIND = 'entry-confirmation';
export const ENTRY_CONFIRMATION_JOB = 'entry-confirmation';

/** `entry-confirmation` payload: ids only, rendered when sent (src/jobs/outbox/senders/entry.ts). */
export interface EntryConfirmationPayload {
  botId: number;
  recipientEmployeeId: number;
  aboutEmployeeIds: number[];
}

export const entryConfirmationKey = (botId: number, ownerId: number) =>
  `${ENTRY_CONFIRMATION_JOB}:b${botId}:e${ownerId}`;

/**
 * Stores a bot for `subject`, entered by `actor` (already authorised as `role`), in one
 * transaction with its audit row and, for a person on Slack, the confirmation DM in the outbox.
 */
export async function submitBotFor(
  db: Db,
  actor: EntryActor,
  authorised: { subject: EntrySubject; role: EntryRole },
  input: BotDraftInput,
  now: Date,
  routing: ReviewRouting,
  via: 'command' | 'home' = 'command',
): Promise<EntryResult> {
  const { subject, role } = authorised;
  const checked = validateBotDraft(input);
  if (!checked.ok)
    throw new UserError('validation_failed', checked.errors.map((e) => e.message).join('\n'), checked.errors);
  const draft = checked.draft;
  const awaitingConfirmation = subject.slackUserId !== null;
  return db.transaction(async (tx) => {
    const inserted = await insertBotUnlessDuplicate(tx, subject.id, draft, now, {
      enteredById: actor.employeeId,
      ownerConfirmation: awaitingConfirmation ? 'pending' : null,
    });
    const bot = inserted ?? (await findDuplicateBot(tx, subject.id, draft));
    if (!bot) throw new Error(`bot insert for owner ${subject.id} conflicted but no duplicate was found`);
    await audit(
      tx,
      {
        actor: actor.slackUserId,
        action: 'bot_entered_for',
        via,
        subjectEmployeeId: subject.id,
        detail: { botId: bot.id, role, created: inserted !== null },
      },
      now,
    );
    if (inserted && awaitingConfirmation && subject.slackUserId) {
      const payload: EntryConfirmationPayload = {
        botId: bot.id,
        recipientEmployeeId: subject.id,
        aboutEmployeeIds: [subject.id, actor.employeeId],
      };
      await insertPlannedDeliveries(tx, [
        {
          job: ENTRY_CONFIRMATION_JOB,
          kind: ENTRY_CONFIRMATION_KIND,
          key: entryConfirmationKey(bot.id, subject.id),
          recipient: subject.slackUserId,
          payload,
          notBefore: now,
        },
      ]);
    }
    // Someone without Slack: the review starts at once, planned with the entry (the reviewer's DM
    // cannot be lost once "saved" is said). Someone on Slack: after they confirm (answerEntry).
    const review =
      inserted && !awaitingConfirmation
        ? await assignReviewerIn(tx, inserted, { ...routing, dmWhenNoReviewer: false, now })
        : null;
    return {
      bot,
      created: inserted !== null,
      awaitingConfirmation: inserted ? awaitingConfirmation : bot.ownerConfirmation === 'pending',
      review,
    };
  });
}

export type ConfirmationOutcome =
  | { kind: 'answered'; answer: 'confirmed' | 'declined'; bot: BotRow }
  /** Already answered, withdrawn meanwhile, or never waiting: nothing changes. */
  | { kind: 'not-pending'; bot: BotRow }
  | { kind: 'not-owner' }
  | { kind: 'not-found' };

/** The owner's "Yes, this is mine" / "Not mine"; only the owner may answer, once. */
export async function answerEntry(
  db: Db,
  input: {
    botId: number;
    actorId: number | null;
    actorSlackUserId: string;
    answer: 'confirmed' | 'declined';
  },
  now: Date,
  routing: ReviewRouting,
): Promise<ConfirmationOutcome> {
  return db.transaction(async (tx) => {
    const bot = await getBotById(tx, input.botId);
    if (!bot) return { kind: 'not-found' };
    if (input.actorId === null || bot.ownerId !== input.actorId) return { kind: 'not-owner' };
    const updated = await answerOwnerConfirmation(tx, bot.id, input.answer, now);
    if (!updated) return { kind: 'not-pending', bot };
    await audit(
      tx,
      {
        actor: input.actorSlackUserId,
        action: input.answer === 'confirmed' ? 'bot_entry_confirmed' : 'bot_entry_declined',
        via: 'command',
        subjectEmployeeId: bot.ownerId,
        detail: { botId: bot.id, enteredBy: bot.enteredById },
      },
      now,
    );
    // Confirmed: the review starts, its request planned in the same transaction.
    if (input.answer === 'confirmed') await assignReviewerIn(tx, updated, { ...routing, now });
    return { kind: 'answered', answer: input.answer, bot: updated };
  });
}

/** A bot with the names its entry messages need. */
export interface EntryView {
  bot: BotRow;
  owner: { id: number; name: string; slackUserId: string | null };
  enteredBy: { id: number; name: string; slackUserId: string | null } | null;
}

export async function loadEntryView(db: Tx, botId: number): Promise<EntryView | null> {
  const bot = await getBotById(db, botId);
  if (!bot) return null;
  const person = (id: number | null) => (id === null ? null : findEmployeePerson(db, id));
  const owner = await person(bot.ownerId);
  if (!owner) return null;
  return { bot, owner, enteredBy: await person(bot.enteredById) };
}

/**
 * Who must hear a review's decision (or a request for changes) on this bot: whoever entered it for
 * the owner, and the owner when they have Slack. Slack user ids, without repeats.
 */
export async function decisionRecipients(
  db: Tx,
  botId: number,
): Promise<Array<{ slackUserId: string; role: 'owner' | 'enterer' }>> {
  const view = await loadEntryView(db, botId);
  if (!view) return [];
  const recipients: Array<{ slackUserId: string; role: 'owner' | 'enterer' }> = [];
  const enterer = view.enteredBy;
  if (enterer?.slackUserId && enterer.id !== view.owner.id)
    recipients.push({ slackUserId: enterer.slackUserId, role: 'enterer' });
  if (view.owner.slackUserId && !recipients.some((r) => r.slackUserId === view.owner.slackUserId))
    recipients.push({ slackUserId: view.owner.slackUserId, role: 'owner' });
  return recipients;
}

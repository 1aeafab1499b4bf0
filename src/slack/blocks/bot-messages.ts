import type { KnownBlock } from '@slack/types';
import type { OwnedBotSummary } from '../../db/queries/bots.js';
import { categoryLabel, platformLabel } from '../../domain/bot-draft.js';
import { STATUS_LABELS } from '../../domain/bot-status.js';
import type { IssueTokenOutcome } from '../../domain/bot-tokens.js';
import type { MyBots } from '../../domain/submissions.js';
import type { BotForUse, SlackUseOutcome } from '../../domain/usage.js';
import type { Translator } from '../../i18n/index.js';
import { context, SLACK_LIMITS, type SlackMessage, section } from './kit.js';
import { clip, escapeMrkdwn, mrkdwnLink } from './mrkdwn.js';

/**
 * Replies to the employee command. Pure: data in, Slack message out. Both the blocks and the
 * fallback `text` are mrkdwn, so user text is escaped in each.
 */

export function renderHelp(command: string, problem?: string): SlackMessage {
  const lines = [
    `*${command} submit* — open the form to submit an AI bot you built`,
    `*${command} submit* \`name | link or none | what it does\` — submit in one line`,
    `*${command} list* — your bots, their ids, status and uses by colleagues`,
    `*${command} edit* \`#id\` — change one of your bots (resubmits it if changes were requested)`,
    `*${command} withdraw* \`#id\` — withdraw one of your bots (it stays in history)`,
    `*${command} use* \`#id\` — record that you used a colleague's bot (counts toward its adoption)`,
    `*${command} token* \`#id\` — a new API token for one of your bots to report its own uses (replaces the old one)`,
    `*${command} me* \`[period]\` — your record for the current review period: exactly what HR sees`,
    `*${command} remind off* / *${command} remind on* — stop or resume deadline reminders`,
    `*${command} submit for* \`email or @user\` — for a colleague without Slack (their manager, an AI champion or HR): the form, or \`| name | link or none | what it does\` in one line`,
    `*${command} team* \`[period]\` — managers: each direct report's record (audited)`,
    `*${command} learn* — upcoming AI sessions, with Join / Leave`,
    `*${command} help* — this message`,
  ];
  const intro = problem ? `:warning: ${escapeMrkdwn(problem)}\n\n` : '';
  const text = `${intro}${lines.join('\n')}`;
  return {
    text: problem ? `${escapeMrkdwn(problem)} Try ${command} help.` : `${command} usage`,
    blocks: [section(text)],
  };
}

export interface SubmittedBot {
  id: number;
  name: string;
  status: keyof typeof STATUS_LABELS;
}

export function renderSubmitted(bot: SubmittedBot, created: boolean): SlackMessage {
  const name = escapeMrkdwn(bot.name);
  const text = created
    ? `:white_check_mark: Saved *${name}* as *#${bot.id}*. It is now waiting for review; you will hear back here.`
    : `You already submitted this bot as *#${bot.id}* (*${name}*, ${STATUS_LABELS[bot.status].toLowerCase()}). Nothing new was stored.`;
  return {
    text: created ? `Saved ${escapeMrkdwn(bot.name)} as #${bot.id}` : `Already submitted as #${bot.id}`,
    blocks: [section(text)],
  };
}

export function renderEdited(bot: SubmittedBot, resubmitted: boolean): SlackMessage {
  const status = resubmitted ? ' and sent back for review' : '';
  return {
    text: `Saved your changes to #${bot.id}${status}.`,
    blocks: [section(`:pencil2: Saved your changes to *#${bot.id}* (*${escapeMrkdwn(bot.name)}*)${status}.`)],
  };
}

export function renderWithdrawn(bot: SubmittedBot): SlackMessage {
  return {
    text: `Withdrew #${bot.id}.`,
    blocks: [
      section(
        `Withdrew *#${bot.id}* (*${escapeMrkdwn(bot.name)}*). It stays in your history but no longer counts.`,
      ),
    ],
  };
}

export function renderBotList(command: string, mine: MyBots): SlackMessage {
  if (mine.total === 0) {
    return {
      text: 'You have not submitted any bots yet.',
      blocks: [section(`You have not submitted any bots yet. Try *${command} submit*.`)],
    };
  }
  const header = section(`*Your bots* (${mine.total})`);
  const rows = mine.bots.map((bot) => section(renderBotLine(bot)));
  // Bots you entered for someone else (issue 14): you may edit or withdraw them on their behalf.
  const forOthers = mine.enteredForOthers.slice(0, ENTERED_FOR_OTHERS_SHOWN);
  if (forOthers.length > 0)
    rows.push(
      section(
        `*Entered by you for others*\n${forOthers.map((bot) => `${renderBotLine(bot)} · for *${escapeMrkdwn(clip(bot.ownerName, 80))}*`).join('\n')}`,
      ),
    );
  const room = SLACK_LIMITS.messageBlocks - 2;
  const shown = rows.slice(0, room);
  const hidden = mine.total - shown.length;
  const blocks: KnownBlock[] = [header, ...shown];
  if (hidden > 0) blocks.push(context(`…and ${hidden} more (oldest not shown).`));
  return { text: `You have ${mine.total} bot(s).`, blocks };
}

/** "*#12* <link|Name>": a bot's id and its name, linked when it has a link. */
export function botTitle(bot: { id: number; name: string; link: string | null }): string {
  return `*#${bot.id}* ${bot.link ? mrkdwnLink(bot.link, bot.name) : `*${escapeMrkdwn(bot.name)}*`}`;
}

/** One bot in a list: id, name (linked), status, colleague uses, submission day. */
// The Home tab passes its translator; i18n-bot translates this renderer (`_tr`: until then, English).
export function renderBotLine(bot: OwnedBotSummary, _tr?: Translator): string {
  const uses = bot.colleagueUses === 1 ? '1 use by colleagues' : `${bot.colleagueUses} uses by colleagues`;
  const confirmation =
    bot.ownerConfirmation === 'pending'
      ? ' · _waiting for the owner to confirm_'
      : bot.ownerConfirmation === 'declined'
        ? ' · _not theirs, said the owner_'
        : '';
  const entered = bot.enteredByName ? ` · entered by ${escapeMrkdwn(clip(bot.enteredByName, 80))}` : '';
  const reported = bot.reportedUses > 0 ? ` (+ ${bot.reportedUses} reported by the bot)` : '';
  return `${botTitle(bot)} — ${STATUS_LABELS[bot.status]} · ${uses}${reported} · submitted ${bot.submittedAt.toISOString().slice(0, 10)}${entered}${confirmation}`;
}

/** How many bots entered for others `list` shows (one section). */
const ENTERED_FOR_OTHERS_SHOWN = 10;

/**
 * The answer to `use <id>`: recorded, counted already, or why not. A bot that is unknown, withdrawn
 * or rejected gets one neutral line: no name, owner or review outcome.
 */
export function renderUse(outcome: SlackUseOutcome): SlackMessage {
  if (outcome.kind === 'unavailable')
    return renderUserError(`There is no bot #${outcome.botId} you can use.`);
  const { bot } = outcome;
  const plain = `#${bot.id} ${bot.name} (by ${bot.ownerName})`;
  const rich = `*#${bot.id}* *${escapeMrkdwn(bot.name)}* (by ${escapeMrkdwn(bot.ownerName)})`;
  switch (outcome.kind) {
    case 'recorded':
      return {
        text: `Thanks — recorded that you used ${escapeMrkdwn(plain)}.`,
        blocks: [section(`:raised_hands: Thanks — recorded that you used ${rich}.`)],
      };
    case 'already-recorded':
      return {
        text: `Already counted: you used ${escapeMrkdwn(plain)} less than a minute ago.`,
        blocks: [
          section(
            `Already counted: you recorded ${rich} less than a minute ago, and repeated presses within a minute count once.`,
          ),
        ],
      };
    case 'own-bot':
      return {
        text: `#${bot.id} is your own bot, so nothing was recorded.`,
        blocks: [
          section(
            `*#${bot.id}* *${escapeMrkdwn(bot.name)}* is your own bot, so nothing was recorded: uses count when colleagues try it. Share it with them!`,
          ),
        ],
      };
  }
}

/**
 * The answer to `token <id>`. The token appears only in the blocks (never in the notification
 * text) and only this once: it is stored hashed.
 */
export function renderUsageToken(command: string, outcome: IssueTokenOutcome): SlackMessage {
  switch (outcome.kind) {
    case 'not-found':
      return renderUserError(
        `There is no bot #${outcome.botId}. \`${command} list\` shows your bots and their ids.`,
      );
    case 'not-owner':
      return renderUserError(
        `Bot #${outcome.botId} belongs to someone else; only its owner can get its API token.`,
      );
    case 'not-usable':
      return renderUserError(
        `Bot #${outcome.bot.id} ${notUsableReason(outcome.bot.status)}, so it cannot report uses and gets no API token.`,
      );
    case 'issued': {
      const { bot, token } = outcome;
      const replaced = outcome.replacedOld ? ' The previous token of this bot has stopped working.' : '';
      const curl = [
        'curl -X POST https://YOUR-PUBLIC-HOST/api/v1/usage \\',
        `  -H 'Authorization: Bearer ${token}' \\`,
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"user_email": "colleague@example.com"}'`,
      ].join('\n');
      return {
        text: `New API token for #${bot.id} (shown once).`,
        blocks: [
          section(
            `:key: New API token for *#${bot.id}* *${escapeMrkdwn(bot.name)}*. Copy it now: it is shown only this once and we keep no copy.${replaced}`,
          ),
          section(`\`\`\`${token}\`\`\``),
          section(
            `Your bot reports each use like this (\`user_email\` is optional; replace YOUR-PUBLIC-HOST with this app's address):\n\`\`\`${escapeMrkdwn(curl)}\`\`\``,
          ),
          context(`If the token leaks, run \`${command} token ${bot.id}\` again: the new token replaces it.`),
        ],
      };
    }
  }
}

export function renderReminders(command: string, enabled: boolean): SlackMessage {
  const text = enabled
    ? 'Deadline reminders are on: you will get a nudge before a review period ends if you have not met its requirement yet.'
    : `Deadline reminders are off. \`${command} remind on\` turns them back on.`;
  return { text, blocks: [section(`${enabled ? ':bell:' : ':no_bell:'} ${text}`)] };
}

function notUsableReason(status: BotForUse['status']): string {
  return status === 'withdrawn' ? 'has been withdrawn' : 'was not accepted in review';
}

export function renderUserError(message: string): SlackMessage {
  return { text: escapeMrkdwn(message), blocks: [section(`:warning: ${escapeMrkdwn(message)}`)] };
}

/** The honest answer when something failed on our side: nothing was saved. */
export function renderNotSaved(databaseDown: boolean): SlackMessage {
  const text = databaseDown
    ? 'Nothing was saved: our database is not answering right now. Please try again in a few minutes.'
    : 'Nothing was saved: something went wrong on our side (it has been logged). Please try again in a few minutes.';
  return { text, blocks: [section(`:x: ${text}`)] };
}

export function describeBotDetails(bot: {
  platform: string | null;
  category: string | null;
  hoursSavedPerWeek: number | null;
}): string {
  return [
    platformLabel(bot.platform),
    categoryLabel(bot.category),
    bot.hoursSavedPerWeek === null ? null : `~${bot.hoursSavedPerWeek} h/week saved (own estimate)`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The ack when a command's answer is not ready within the budget: the answer follows. */
export const WORKING_TEXT = 'Working on it… the answer will follow here in a moment.';
export function renderWorking(): SlackMessage {
  return { text: WORKING_TEXT, blocks: [section(`:hourglass_flowing_sand: ${WORKING_TEXT}`)] };
}

/** Too much work in flight: refused at once, and honestly. */
export function renderBusy(): SlackMessage {
  const text = 'Busy — nothing was saved. Please try again in a minute.';
  return { text, blocks: [section(`:construction: ${text}`)] };
}

/** The app is stopping (a deploy or restart): the request was not taken. */
export function renderRestarting(): SlackMessage {
  const text = 'The app is restarting — nothing was saved. Please try again in a minute.';
  return { text, blocks: [section(`:arrows_counterclockwise: ${text}`)] };
}

/** A button or form from an old message or modal that the app no longer understands. */
export function renderOutOfDate(what: 'button' | 'form'): SlackMessage {
  const text =
    what === 'button'
      ? 'This button is out of date, so nothing was done. Please use a newer message or the command again.'
      : 'This form is out of date, so nothing was saved. Please close it and start again.';
  return { text, blocks: [section(`:warning: ${text}`)] };
}

import { deliverySenders } from '../jobs/outbox/kinds.js';
import { sendDueDeliveries } from '../jobs/outbox/worker.js';
import { createDeliveryClient } from '../slack/delivery-client.js';
import { DIGEST_CHANNEL, USERS } from './company.js';
import { type ScriptContext, ScriptError, type Step, settle } from './script/runner.js';
import { clickInDm, command, submitForm, weeklyDigestFires } from './script/steps.js';

/**
 * The quarter so far, for `npm run demo` (without `--empty`): six weeks of the company's life played
 * against the real app with its clock set back, so the Home tab, `/adoption stats`, the digest and
 * its chart show a real picture at once. The weekly digest went out each Monday from the fourth
 * week (with its chart); bots were submitted, reviewed with scores and used; Tom's bot still waits
 * for Sam's review, and most of Sales and Operations have not built anything yet.
 *
 * Step times are relative to the Monday six weeks before this week's, so the story always ends
 * last week, whatever today is.
 */

const { LEO, MAYA, PRIYA, SAM, DIEGO, OLGA, TOM, ANA, WEN, ELENA, CHRIS } = USERS;

/** Weeks of history before this week. */
export const HISTORY_WEEKS = 6;

/** The Monday (UTC) of the week `weeksBack` weeks before the one containing `today`. */
export function mondayBefore(today: Date, weeksBack: number): Date {
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday - 7 * weeksBack);
  return day;
}

/** The first day of the story (a Monday), as an ISO date. */
export function historyStart(today: Date): string {
  return mondayBefore(today, HISTORY_WEEKS).toISOString().slice(0, 10);
}

/** A bot submitted inline: `/bot submit name | link | description`. */
function submitInline(userId: string, name: string, link: string, description: string) {
  return command(userId, `/bot submit ${name} | ${link} | ${description}`);
}

async function useBot(context: ScriptContext, userId: string, botName: string, times = 1): Promise<void> {
  const id = await context.botId(botName);
  for (let i = 0; i < times; i++) {
    await command(userId, `/bot use ${id}`)(context);
    await settle(context);
  }
}

function all(...parts: Array<(context: ScriptContext) => Promise<void>>) {
  return async (context: ScriptContext) => {
    for (const part of parts) {
      await part(context);
      await settle(context);
    }
  };
}

/** Closes what the person still has open (a form showing its result), as they would. */
function closeForms(userId: string) {
  return async ({ demo }: ScriptContext) => {
    for (const view of [...(demo.workspace.modals.get(userId) ?? [])].reverse()) {
      await demo.actions.close(userId, view.id);
    }
  };
}

/** Approves the newest review waiting in the reviewer's DM. */
function approve(reviewer: string, score: string, comment: string) {
  return all(
    clickInDm(reviewer, 'review_approve', 'Approve'),
    submitForm(reviewer, { score, comment }),
    closeForms(reviewer),
  );
}

/** The deliveries worker's ticks until the digest's chart is in the channel (it is due seconds after). */
function chartSent() {
  return async (context: ScriptContext) => {
    const { demo, clock } = context;
    const charts = () =>
      demo.workspace.messages.filter((m) => m.channel === DIGEST_CHANNEL.id && m.files.length > 0);
    const before = charts().length;
    const deadline = Date.now() + 60_000;
    while (charts().length === before) {
      if (Date.now() > deadline) throw new ScriptError('the digest chart was not sent');
      await sendDueDeliveries({
        senders: deliverySenders,
        db: demo.database.db,
        client: createDeliveryClient(demo.config),
        logger: demo.logger,
        now: clock.now,
        chartFont: demo.config.chartFont,
        locales: demo.config.locales,
      });
      await settle(context, 100);
    }
  };
}

export function quarterSoFar(today: Date): Step[] {
  /** `week` weeks after the story's first Monday, `day` days later (0 = Monday), at `time` UTC. */
  const at = (week: number, day: number, time: string) => {
    const date = mondayBefore(today, HISTORY_WEEKS - week);
    date.setUTCDate(date.getUTCDate() + day);
    return `${date.toISOString().slice(0, 10)}T${time}:00Z`;
  };
  const digest = (week: number): Step[] => [
    { at: at(week, 0, '09:00'), run: weeklyDigestFires() },
    { at: at(week, 0, '09:01'), run: chartSent() },
  ];
  return [
    // Week 1: Engineering starts.
    {
      at: at(0, 0, '10:00'),
      run: submitInline(
        LEO,
        'Release notes writer',
        'https://gpts.demo.example/release-notes',
        'Turns the merged pull requests of a sprint into release notes for customers, in our tone.',
      ),
    },
    {
      at: at(0, 2, '11:00'),
      run: submitInline(
        ANA,
        'SQL explainer',
        'none',
        'Explains a slow SQL query in plain words and suggests an index, from the query plan.',
      ),
    },
    { at: at(0, 3, '15:00'), run: approve(MAYA, '4', 'Clear and useful; share it with the data team.') },
    // Week 2: Sales joins.
    {
      at: at(1, 1, '09:30'),
      run: submitInline(
        PRIYA,
        'Deal summariser',
        'https://gpts.demo.example/deal-summariser',
        'Summarises the emails and call notes of a deal into a one-page brief before each customer meeting.',
      ),
    },
    { at: at(1, 2, '10:00'), run: approve(MAYA, '3', 'Good start; add a sample from the last sprint.') },
    { at: at(1, 3, '16:00'), run: approve(SAM, '5', 'Exactly what the team needed.') },
    { at: at(1, 4, '10:00'), run: (context) => useBot(context, TOM, 'Deal summariser', 2) },
    // Week 3: Operations tries, and is asked for changes.
    {
      at: at(2, 0, '14:00'),
      run: submitInline(
        DIEGO,
        'Route planner',
        'none',
        'Plans delivery routes for the next day from the open orders and the drivers on shift.',
      ),
    },
    {
      at: at(2, 1, '11:00'),
      run: all(
        clickInDm(OLGA, 'review_request_changes', 'Request changes'),
        submitForm(OLGA, {
          comment: 'Please say which order fields it reads, and how drivers see the route.',
        }),
        closeForms(OLGA),
      ),
    },
    { at: at(2, 2, '10:00'), run: (context) => useBot(context, WEN, 'Release notes writer') },
    { at: at(2, 3, '10:00'), run: (context) => useBot(context, SAM, 'Release notes writer') },
    // Week 4: the first digest; the CEO, the champion and Wen (in Chinese) build.
    ...digest(3),
    {
      at: at(3, 0, '09:00'),
      run: submitInline(
        ELENA,
        'Board memo drafter',
        'none',
        'Drafts the monthly board memo from the finance summary and the department updates.',
      ),
    },
    {
      at: at(3, 1, '10:00'),
      run: submitInline(
        CHRIS,
        'Prompt library',
        'https://wiki.demo.example/prompts',
        'Our best prompts for code review, incident write-ups and customer replies, with examples.',
      ),
    },
    { at: at(3, 1, '15:00'), run: approve(CHRIS, '3', 'Useful; please share it with the leadership team.') },
    { at: at(3, 2, '09:00'), run: approve(MAYA, '5', 'Everyone in Engineering should start here.') },
    {
      at: at(3, 3, '08:00'),
      run: submitInline(
        WEN,
        '客户邮件助手',
        'none',
        '根据客户来信起草中文和英文回复，保持我们的语气和报价规则。',
      ),
    },
    { at: at(3, 4, '10:00'), run: approve(SAM, '4', 'Our Shanghai customers answer faster now.') },
    // Week 5: uses spread; Diego's revised planner is approved.
    ...digest(4),
    {
      at: at(4, 1, '09:15'),
      run: async (context) => {
        const id = await context.botId('Route planner');
        await command(DIEGO, `/bot edit ${id}`)(context);
        await settle(context);
        await submitForm(DIEGO, {
          name: 'Route planner',
          description:
            'Plans delivery routes for the next day from the open orders and the drivers on shift. Reads order id, address and time window only; drivers get the route as a link.',
          category: 'My team',
          link: '',
          platform: 'Dify',
          hoursSavedPerWeek: '3',
        })(context);
        await settle(context);
        await closeForms(DIEGO)(context);
      },
    },
    { at: at(4, 2, '10:00'), run: approve(OLGA, '4', 'Much clearer, thank you. Let us try it next week.') },
    { at: at(4, 3, '10:00'), run: (context) => useBot(context, ANA, 'Prompt library', 2) },
    { at: at(4, 3, '11:00'), run: (context) => useBot(context, LEO, 'Prompt library') },
    { at: at(4, 4, '14:00'), run: (context) => useBot(context, PRIYA, 'Release notes writer') },
    // Week 6: Tom's bot waits for Sam's review.
    ...digest(5),
    {
      at: at(5, 2, '15:30'),
      run: submitInline(
        TOM,
        'Proposal checker',
        'none',
        'Checks a proposal against our price list and contract terms before it goes to the customer.',
      ),
    },
    { at: at(5, 3, '10:00'), run: (context) => useBot(context, MAYA, 'Prompt library') },
  ];
}

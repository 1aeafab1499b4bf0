import { DIGEST_USE_ACTION_ID } from '../../slack/blocks/digest.js';
import { DIGEST_CHANNEL, USERS } from '../company.js';
import { type Step, settle } from './runner.js';
import {
  all,
  clickInChannel,
  clickInDm,
  command,
  deliveriesWorker,
  exportCsv,
  issueToken,
  openHome,
  reportUse,
  sendDigest,
  submitForm,
  weeklyDigestFires,
} from './steps.js';

/**
 * `npm run demo -- --script`: a fortnight in the company, played against the real app with an
 * injected clock (runner.ts). Each step is one thing a person does (steps.ts); the transcript shows
 * it and everything the app answered, DMed, posted or opened because of it. To add a feature to the
 * story, add a step (e.g. `command(HANA, '/adoption digest send')`).
 */

const { LEO, MAYA, PRIYA, SAM, DIEGO, OLGA, TOM, ANA, WEN, ELENA, CHRIS, HANA } = USERS;

const LEO_BOT = {
  name: 'Release notes writer',
  description: 'Turns the merged pull requests of a sprint into release notes for customers, in our tone.',
  category: 'Other teams',
  link: 'https://gpts.demo.example/release-notes',
  platform: 'ChatGPT custom GPT',
  hoursSavedPerWeek: '2',
};

export const FORTNIGHT: Step[] = [
  // Week 1
  {
    at: '2026-11-02T09:00:00Z',
    run: all(command(LEO, '/bot submit'), submitForm(LEO, LEO_BOT)),
  },
  {
    at: '2026-11-02T09:30:00Z',
    run: command(
      PRIYA,
      '/bot submit Deal summariser | https://gpts.demo.example/deal-summariser | Summarises the emails and call notes of a deal into a one-page brief before each customer meeting',
    ),
  },
  {
    at: '2026-11-02T14:00:00Z',
    run: all(
      command(DIEGO, '/bot submit'),
      submitForm(DIEGO, {
        name: 'Route planner',
        description: 'Routes',
        category: 'My team',
        link: '',
        platform: 'Dify',
      }),
      submitForm(DIEGO, {
        name: 'Route planner',
        description: 'Plans delivery routes for the next day from the open orders and the drivers on shift',
        category: 'My team',
        link: '',
        platform: 'Dify',
        hoursSavedPerWeek: '3',
      }),
    ),
  },
  {
    at: '2026-11-03T10:00:00Z',
    run: all(
      clickInDm(MAYA, 'review_approve', 'Approve'),
      submitForm(MAYA, { score: '4', comment: 'Great, the support team will love this.' }),
    ),
  },
  {
    at: '2026-11-03T11:00:00Z',
    run: all(
      clickInDm(SAM, 'review_request_changes', 'Request changes'),
      submitForm(SAM, { comment: 'Please say which CRM fields it reads, and add a link to the prompt.' }),
    ),
  },
  {
    at: '2026-11-04T09:15:00Z',
    run: async (context) => {
      const id = await context.botId('Deal summariser');
      await command(PRIYA, `/bot edit ${id}`)(context);
      await settle(context);
      await submitForm(PRIYA, {
        name: 'Deal summariser',
        description:
          'Summarises the emails and call notes of a deal into a one-page brief before each customer meeting. Reads the CRM fields stage, amount and next step only.',
        category: 'My team',
        link: 'https://gpts.demo.example/deal-summariser',
        platform: 'ChatGPT custom GPT',
        hoursSavedPerWeek: '1.5',
      })(context);
    },
  },
  {
    at: '2026-11-05T16:00:00Z',
    run: all(
      clickInDm(SAM, 'review_approve', 'Approve'),
      submitForm(SAM, { score: '5', comment: 'Exactly what the team needed.' }),
      clickInDm(OLGA, 'review_reject', 'Reject'),
      submitForm(OLGA, {
        comment: 'The planning tool already does this since October; let us talk about a different idea.',
      }),
    ),
  },
  {
    at: '2026-11-06T10:00:00Z',
    run: async (context) => {
      const leo = await context.botId(LEO_BOT.name);
      const priya = await context.botId('Deal summariser');
      await all(
        command(TOM, `/bot use ${leo}`),
        command(TOM, `/bot use ${leo}`),
        command(ANA, `/bot use ${priya}`),
      )(context);
    },
  },
  {
    at: '2026-11-06T11:00:00Z',
    run: all(
      issueToken(LEO, LEO_BOT.name),
      reportUse(LEO_BOT.name, 'wen.li@demo.example'),
      reportUse(LEO_BOT.name, 'sam.okafor@demo.example'),
      reportUse(LEO_BOT.name, null),
    ),
  },
  // Week 2
  {
    at: '2026-11-09T09:00:00Z',
    run: command(
      ELENA,
      '/bot submit Board memo drafter | none | Drafts the monthly board memo from the finance summary and the department updates',
    ),
  },
  {
    at: '2026-11-09T15:00:00Z',
    run: all(
      clickInDm(CHRIS, 'review_approve', 'Approve'),
      submitForm(CHRIS, { score: '3', comment: 'Useful; please share it with the leadership team.' }),
    ),
  },
  { at: '2026-11-10T09:00:00Z', run: all(command(WEN, '/bot me'), command(LEO, '/bot me')) },
  { at: '2026-11-10T09:05:00Z', run: openHome(LEO) },
  {
    at: '2026-11-11T10:00:00Z',
    run: async (context) => {
      const priya = await context.botId('Deal summariser');
      await all(command(WEN, `/bot use ${priya}`), command(DIEGO, '/bot list'))(context);
    },
  },
  {
    at: '2026-11-12T16:00:00Z',
    run: all(
      command(TOM, '/adoption stats'),
      command(HANA, '/adoption period list'),
      command(HANA, '/adoption stats'),
    ),
  },
  { at: '2026-11-13T09:00:00Z', run: all(command(HANA, '/adoption stats Engineering'), openHome(HANA)) },
  // The weekly digest in #ai-adoption: HR previews it, then sends it now (the schedule would on Monday).
  { at: '2026-11-13T11:00:00Z', run: command(HANA, '/adoption digest preview') },
  { at: '2026-11-13T11:05:00Z', run: sendDigest(HANA) },
  { at: '2026-11-13T11:06:00Z', run: deliveriesWorker() },
  {
    at: '2026-11-13T11:30:00Z',
    run: async (context) => {
      const memo = await context.botId('Board memo drafter');
      await clickInChannel(
        TOM,
        DIGEST_CHANNEL.id,
        DIGEST_USE_ACTION_ID,
        String(memo),
        'I used this',
      )(context);
    },
  },
  // HR's records: one person, who has not met the requirement yet, and the export (CSV in HR's DM).
  {
    at: '2026-11-13T14:00:00Z',
    run: all(command(HANA, '/adoption person @Diego'), command(HANA, '/adoption lagging')),
  },
  { at: '2026-11-13T15:00:00Z', run: exportCsv(HANA) },
  // Monday: the digest goes out on its schedule, with the week's change.
  { at: '2026-11-16T09:00:00Z', run: weeklyDigestFires() },
  { at: '2026-11-16T09:01:00Z', run: deliveriesWorker() },
];

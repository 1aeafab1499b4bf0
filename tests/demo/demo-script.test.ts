import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPglite } from '../../src/db/client.js';
import {
  auditLog,
  bots,
  deliveries,
  employees,
  reportedUses,
  reviews,
  usageEvents,
} from '../../src/db/schema.js';

/**
 * `npm run demo -- --script` end to end: the CLI plays the fortnight against the real app, prints
 * the transcript and exits 0; its database (kept with --data-dir) holds exactly what the story did.
 */

const run = promisify(execFile);

describe('npm run demo -- --script', () => {
  let dataDir: string;
  let stdout: string;
  let database: Database;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'demo-script-test-'));
    const result = await run(
      process.execPath,
      ['--import', 'tsx', 'src/demo/main.ts', '--script', '--data-dir', dataDir, '--log-level', 'error'],
      { timeout: 110_000, maxBuffer: 10 * 1024 * 1024 },
    );
    stdout = result.stdout;
    database = openPglite(dataDir);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells the story: who did what, and what the app replied, DMed and opened', () => {
    const transcript = stdout;
    expect(transcript).toContain('── Mon, 2 Nov 2026, 09:00 ──');
    // A submission through the modal, and the review request to the submitter's manager.
    expect(transcript).toContain('Leo Park (Engineering) types: /bot submit');
    expect(transcript).toContain('→ modal opened for Leo Park: "Submit your AI bot"');
    expect(transcript).toMatch(/Saved Release notes writer as #1\. It is now waiting for review/);
    expect(transcript).toMatch(
      // Maya reads Chinese: her review DM is in her language once the review area is translated.
      /→ DM to Maya Chen\n(?:\s+[^\n]*\n){0,2}\s+[^\n]*#1[^\n]*Release notes writer[^\n]*Leo Park/,
    );
    // An inline submission, answered where it was typed.
    expect(transcript).toMatch(
      /→ reply to Priya Nair \(only visible to them\) in #general\n\s+:white_check_mark: Saved Deal summariser as #2/,
    );
    // A form error keeps the modal open; the corrected form saves.
    expect(transcript).toContain('description: Description is too short (6); use 10–2000 characters.');
    expect(transcript).toContain('Saved Route planner as #3');
    // Reviews: approve, changes requested and resubmitted, reject; the champion reviews the CEO.
    expect(transcript).toContain(
      '#1 Release notes writer (https://gpts.demo.example/release-notes) was approved by Maya Chen · score 4/5.',
    );
    expect(transcript).toContain('Sam Okafor asked for changes to #2 Deal summariser');
    expect(transcript).toContain('Review requested It is back for review after changes were requested.');
    expect(transcript).toContain('#3 Route planner was not accepted by Olga Ivanova.');
    expect(transcript).toContain('Review requested You are asked as an AI champion.');
    // Uses: a repeated press counts once; the usage API accepts the bot's own reports.
    expect(transcript).toContain('Already counted: you recorded #1 Release notes writer');
    expect(transcript.match(/reports a use via POST \/api\/v1\/usage .* → HTTP 202/g)).toHaveLength(3);
    // Records and figures.
    // Wen Li reads Chinese (her Slack locale is zh-CN): her record is in Chinese.
    expect(transcript).toMatch(/Wen Li \(Sales\) types: \/bot me\n.*\n\s+\*你在 FY26-Q4 的记录\*/);
    expect(transcript).toContain('Requirement met: 1 approved bot, 1 needed.');
    expect(transcript).toContain('Sorry, /adoption is for the People team.');
    expect(transcript).toContain('Whole company · FY26-Q4 (2026-10-01 – 2026-12-31)');
    expect(transcript).toMatch(/Headcount: 14 \(±0\) \| Builders: 4 · 29%/);
    expect(transcript).toContain('→ Home tab of Hana Kim');
    // The weekly digest: HR previews it, sends it; the channel post and the manager DMs go out after
    // the reply, and the chart follows on the deliveries worker's tick.
    expect(transcript).toMatch(
      /Hana Kim \(People\) types: \/adoption digest preview\n.*\n\s+:eyes: Preview, only you see this\. It goes to #ai-adoption/,
    );
    expect(transcript).toMatch(
      /types: \/adoption digest send\n.*\n\s+Sending this week’s digest \(2026-W46\) to #ai-adoption now, with the chart and 4 manager DMs\./,
    );
    // The deliveries worker sends the channel digest and the manager DMs side by side, in any order.
    expect(transcript).toMatch(/→ #ai-adoption\n\s+== AI adoption this week · FY26-Q4 ==/);
    expect(transcript).toContain('#4 Board memo drafter by Elena Rossi');
    expect(transcript).toMatch(
      // Maya reads Chinese: her team digest is in her language once the manager digest is translated.
      /→ DM to Maya Chen\n\s+[^\n]*FY26-Q4\n\s+(?=[^\n]*\b1\b)(?=[^\n]*\b3\b)/,
    );
    expect(transcript).toMatch(
      /deliveries worker runs .*\n\s+→ #ai-adoption\n.*\n\s+📎 Participation by week · FY26-Q4 · participation-2026-W46\.png \(image\/png, \d{4,} bytes\)/,
    );
    expect(transcript).toContain('Tom Weber (Sales) clicks [I used this] in #ai-adoption');
    expect(transcript).toContain('Thanks — recorded that you used #4 Board memo drafter (by Elena Rossi).');
    // HR's records: a person (mentioned as @Diego), who is lagging, and the CSV in HR's DM.
    expect(transcript).toMatch(
      /types: \/adoption person @Diego\n.*\n\s+Diego Garcia \(@Diego Garcia\) · FY26-Q4/,
    );
    expect(transcript).toContain('11 have not met the requirement · 1–11 (page 1 of 1)');
    expect(transcript).toMatch(
      /→ DM to Hana Kim\n.*\n\s+📎 AI adoption export · FY26-Q4 · adoption-FY26-Q4-2026-11-13\.csv \(text\/csv, \d+ bytes\)\n\s+│ employee_id,slack_user_id,name,email,/,
    );
    expect(transcript).toContain(
      '│ E0003,U0LEO,Leo Park,leo.park@demo.example,Engineering,maya.chen@demo.example,FY26-Q4,1,1,',
    );
    expect(transcript).toContain('│ … 10 more line(s)');
    // Monday: the schedule sends the next week's digest by itself.
    expect(transcript).toContain('The weekly digest schedule fires (DIGEST_CRON "0 9 * * 1", UTC):');
    expect(transcript).toContain('participation-2026-W47.png');
    expect(transcript).not.toContain('<#C0AIADOPTION>');
    expect(transcript).not.toContain('! the app called');
    expect(transcript.trimEnd().endsWith('The scripted fortnight finished.')).toBe(true);
  });

  it('stored exactly what happened', async () => {
    const { db } = database;
    const owner = employees;
    const stored = await db
      .select({ id: bots.id, name: bots.name, status: bots.status, owner: owner.name })
      .from(bots)
      .innerJoin(owner, eq(owner.id, bots.ownerId))
      .orderBy(asc(bots.id));
    expect(stored).toEqual([
      { id: 1, name: 'Release notes writer', status: 'approved', owner: 'Leo Park' },
      { id: 2, name: 'Deal summariser', status: 'approved', owner: 'Priya Nair' },
      { id: 3, name: 'Route planner', status: 'rejected', owner: 'Diego Garcia' },
      { id: 4, name: 'Board memo drafter', status: 'approved', owner: 'Elena Rossi' },
    ]);
    const decisions = await db
      .select({
        bot: reviews.botId,
        decision: reviews.decision,
        score: reviews.score,
        reviewer: employees.name,
      })
      .from(reviews)
      .innerJoin(employees, eq(employees.id, reviews.reviewerId))
      .orderBy(asc(reviews.decidedAt), asc(reviews.id));
    expect(decisions).toEqual([
      { bot: 1, decision: 'approved', score: 4, reviewer: 'Maya Chen' },
      { bot: 2, decision: 'changes_requested', score: null, reviewer: 'Sam Okafor' },
      { bot: 2, decision: 'approved', score: 5, reviewer: 'Sam Okafor' },
      { bot: 3, decision: 'rejected', score: null, reviewer: 'Olga Ivanova' },
      { bot: 4, decision: 'approved', score: 3, reviewer: 'Chris Lee' },
    ]);
    const uses = await db
      .select({ bot: usageEvents.botId, source: usageEvents.source, userId: usageEvents.userId })
      .from(usageEvents)
      .orderBy(asc(usageEvents.id));
    const names = new Map(
      (await db.select({ id: employees.id, name: employees.name }).from(employees)).map((e) => [
        e.id,
        e.name,
      ]),
    );
    expect(uses.map((u) => `${u.bot} ${u.source} ${u.userId === null ? '-' : names.get(u.userId)}`)).toEqual([
      '1 slash Tom Weber', // his second press within a minute counted once
      '2 slash Ana Souza',
      '2 slash Wen Li',
      '4 button Tom Weber', // "I used this" under the digest's new bot
    ]);
    // What the bot reported about itself is kept apart, never as a colleague's use.
    const reported = await db
      .select({ bot: reportedUses.botId, userId: reportedUses.userId })
      .from(reportedUses)
      .orderBy(asc(reportedUses.id));
    expect(reported.map((u) => `${u.bot} ${u.userId === null ? '-' : names.get(u.userId)}`)).toEqual([
      '1 Wen Li',
      '1 Sam Okafor',
      '1 -',
    ]);
    // Two weeks of digests, all sent: channel post, chart, one DM per manager on Slack.
    const sent = await db
      .select({
        key: deliveries.key,
        kind: deliveries.kind,
        status: deliveries.status,
        recipient: deliveries.recipient,
      })
      .from(deliveries)
      .orderBy(asc(deliveries.key));
    expect(sent.filter((row) => row.status !== 'sent')).toEqual([]);
    // The review loop's DMs went through the outbox too: 4 bots, 5 decisions (one resubmission).
    const kinds = (kind: string) => sent.filter((row) => row.kind === kind).length;
    expect([kinds('review-request'), kinds('review-decision'), kinds('review-refresh')]).toEqual([5, 5, 5]);
    // Manager digests are keyed by the manager's roster id (e<id>); shown here by their recipient.
    const digests = sent.filter((row) => row.key.includes('digest'));
    expect(digests.map((row) => row.key.replace(/:e\d+$/, `:${row.recipient}`)).sort()).toEqual([
      'manager-digest:2026-W46:U0ELENA',
      'manager-digest:2026-W46:U0MAYA',
      'manager-digest:2026-W46:U0OLGA',
      'manager-digest:2026-W46:U0SAM',
      'manager-digest:2026-W47:U0ELENA',
      'manager-digest:2026-W47:U0MAYA',
      'manager-digest:2026-W47:U0OLGA',
      'manager-digest:2026-W47:U0SAM',
      'weekly-digest-chart:2026-W46:C0AIADOPTION',
      'weekly-digest-chart:2026-W47:C0AIADOPTION',
      'weekly-digest:2026-W46:C0AIADOPTION',
      'weekly-digest:2026-W47:C0AIADOPTION',
    ]);
    // HR's look-ups are audited: the person, each person on the lagging page, the export.
    const audited = await db
      .select({
        action: auditLog.action,
        actor: auditLog.actorSlackUserId,
        subject: auditLog.subjectEmployeeId,
      })
      .from(auditLog)
      .orderBy(asc(auditLog.id));
    const count = (action: string) => audited.filter((row) => row.action === action).length;
    expect(count('person_viewed')).toBe(1);
    expect(count('lagging_viewed')).toBe(11);
    expect(count('export_sent')).toBe(1);
    expect(count('digest_send')).toBe(1);
    const diego = (await db.select().from(employees).where(eq(employees.name, 'Diego Garcia')))[0];
    expect(audited.find((row) => row.action === 'person_viewed')).toEqual({
      action: 'person_viewed',
      actor: 'U0HANA',
      subject: diego?.id,
    });
    // The whole company is on the roster: 14 people, 12 of them linked to Slack.
    const roster = await db.select({ slack: employees.slackUserId }).from(employees);
    expect(roster).toHaveLength(14);
    expect(roster.filter((r) => r.slack !== null)).toHaveLength(12);
    // Their languages came with the roster sync: Maya and Wen read Chinese, the others English.
    const chinese = await db
      .select({ name: employees.name })
      .from(employees)
      .where(eq(employees.locale, 'zh-CN'))
      .orderBy(employees.name);
    expect(chinese.map((r) => r.name)).toEqual(['Maya Chen', 'Wen Li']);
  });
});

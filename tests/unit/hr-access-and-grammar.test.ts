import { describe, expect, it } from 'vitest';
import { HrAccess } from '../../src/domain/access.js';
import { neutraliseCell } from '../../src/domain/export.js';
import { parseHrCommand, parsePersonTarget } from '../../src/domain/hr-command.js';

describe('the HR grammar: person, lagging, export', () => {
  it('reads mentions as Slack escapes them, bare ids and emails', () => {
    expect(parsePersonTarget('<@U0ANN|ann>')).toEqual({ kind: 'slack', slackUserId: 'U0ANN' });
    expect(parsePersonTarget('<@W0ANN>')).toEqual({ kind: 'slack', slackUserId: 'W0ANN' });
    expect(parsePersonTarget('U0ANN')).toEqual({ kind: 'slack', slackUserId: 'U0ANN' });
    expect(parsePersonTarget('<mailto:Eve@Example.com|Eve@Example.com>')).toEqual({
      kind: 'email',
      email: 'eve@example.com',
    });
    expect(parsePersonTarget('@ann')).toBeNull();
    expect(parsePersonTarget('<#C0GENERAL|general>')).toBeNull();
  });

  it('keeps the period after the person, and explains a missing or unknown person', () => {
    expect(parseHrCommand('person <@U0ANN|ann> FY26 H2')).toEqual({
      kind: 'person',
      target: { kind: 'slack', slackUserId: 'U0ANN' },
      period: 'FY26 H2',
    });
    expect(parseHrCommand('person')).toMatchObject({
      kind: 'help',
      problem: expect.stringContaining('@name'),
    });
    expect(parseHrCommand('person ann')).toMatchObject({
      kind: 'help',
      problem: expect.stringContaining('`ann`'),
    });
    expect(parseHrCommand('lagging Sales 2026-Q3')).toEqual({ kind: 'lagging', args: ['Sales', '2026-Q3'] });
    expect(parseHrCommand('EXPORT')).toEqual({ kind: 'export' });
    expect(parseHrCommand('export FY26 H2')).toEqual({ kind: 'export', period: 'FY26 H2' });
  });
});

describe('neutraliseCell', () => {
  it('prefixes what a spreadsheet would run, and nothing else', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    for (const cell of ['Ann', '张伟', '12', '2026-07-10T12:00:00Z', '', " '=x"])
      expect(neutraliseCell(cell)).toBe(cell);
  });
});

describe('HrAccess', () => {
  const setup = (ttlMs: number) => {
    let now = 0;
    let calls = 0;
    let members: string[] | Error = ['UGROUP'];
    const access = new HrAccess({
      hrUserIds: ['UHR'],
      hrUsergroupId: 'S0HR',
      cacheTtlMs: ttlMs,
      lookupTimeoutMs: 50,
      clock: () => now,
    });
    const lookup = async () => {
      calls++;
      if (members instanceof Error) throw members;
      return members;
    };
    return {
      access,
      lookup,
      calls: () => calls,
      tick: (ms: number) => {
        now += ms;
      },
      set: (value: string[] | Error) => {
        members = value;
      },
    };
  };

  it('grants HR_USER_IDS without asking Slack, and the group from one cached read', async () => {
    const t = setup(60_000);
    expect(await t.access.check('UHR', t.lookup)).toEqual({ kind: 'granted', by: 'user-id' });
    expect(t.calls()).toBe(0);
    const [a, b] = await Promise.all([
      t.access.check('UGROUP', t.lookup),
      t.access.check('UOTHER', t.lookup),
    ]);
    expect(a).toEqual({ kind: 'granted', by: 'usergroup' });
    expect(b).toEqual({ kind: 'refused' });
    expect(t.calls()).toBe(1);
  });

  it('re-reads after the TTL, drops a removed member, and fails closed when Slack fails', async () => {
    const t = setup(60_000);
    await t.access.check('UGROUP', t.lookup);
    t.set(new Error('internal_error'));
    t.tick(59_000);
    expect(await t.access.check('UGROUP', t.lookup)).toMatchObject({ kind: 'granted' });
    t.tick(2_000);
    expect(await t.access.check('UGROUP', t.lookup)).toEqual({
      kind: 'unavailable',
      reason: 'internal_error',
    });
    expect(await t.access.check('UOTHER', t.lookup)).toMatchObject({ kind: 'unavailable' });
    t.set([]);
    expect(await t.access.check('UGROUP', t.lookup)).toEqual({ kind: 'refused' });
  });

  it('treats a lookup that never answers as unavailable', async () => {
    const t = setup(60_000);
    const never = () => new Promise<string[]>(() => {});
    expect(await t.access.check('UGROUP', never)).toEqual({
      kind: 'unavailable',
      reason: 'no answer within 50 ms',
    });
  });

  it('refuses everyone outside HR_USER_IDS when no group is configured', async () => {
    const access = new HrAccess({ hrUserIds: ['UHR'], hrUsergroupId: undefined, cacheTtlMs: 1000 });
    expect(await access.check('UGROUP', async () => ['UGROUP'])).toEqual({ kind: 'refused' });
  });
});

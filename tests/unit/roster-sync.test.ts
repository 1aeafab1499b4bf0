import { describe, expect, it } from 'vitest';
import type { EmployeeRow } from '../../src/db/queries/employees.js';
import { isBotUser, isGuest, slackPatch, slackProfileOf } from '../../src/domain/roster-sync.js';

/** The Slack side's rules, without a database: who is a person, and what Slack may change. */
const row = (fields: Partial<EmployeeRow>): EmployeeRow => ({
  id: 1,
  slackUserId: 'U1',
  hrEmployeeId: null,
  name: 'Wang Wei',
  email: 'wang.wei@example.com',
  department: null,
  managerId: null,
  title: 'Engineer',
  timezone: 'Asia/Shanghai',
  locale: null,
  isGuest: false,
  activeFrom: '2026-01-01',
  activeUntil: null,
  nudgeOptOut: false,
  orgSource: 'slack',
  identityReviewNeeded: false,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  ...fields,
});

describe('slackProfileOf', () => {
  it.each([
    [{ real_name: '王伟', profile: { real_name: 'x', display_name: 'y' }, name: 'z' }, '王伟'],
    [{ real_name: '', profile: { real_name: 'Profile Name', display_name: 'y' }, name: 'z' }, 'Profile Name'],
    [{ profile: { display_name: 'Display' }, name: 'handle' }, 'Display'],
    [{ name: 'handle' }, 'handle'],
    [{}, 'U1'],
  ])('names the person from the first non-empty name (%j)', (fields, name) => {
    expect(slackProfileOf({ id: 'U1', ...fields }).name).toBe(name);
  });

  it('reads email, title and time zone, with empty values as null', () => {
    expect(
      slackProfileOf({ id: 'U1', real_name: 'A', tz: '', is_ultra_restricted: true, profile: { email: '' } }),
    ).toEqual({
      slackUserId: 'U1',
      name: 'A',
      email: null,
      timezone: null,
      title: null,
      isGuest: true,
      locale: null,
    });
  });

  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-US', 'en'],
    ['ko-KR', 'en'],
    ['', null],
    [undefined, null],
  ])('reads the locale %j as %j', (locale, expected) => {
    expect(slackProfileOf({ id: 'U1', ...(locale === undefined ? {} : { locale }) }).locale).toBe(expected);
  });
});

describe('who is a person', () => {
  it.each([
    [{ id: 'U1', is_bot: true }, true],
    [{ id: 'USLACKBOT', is_bot: false }, true],
    [{ id: 'U1' }, false],
  ])('isBotUser(%j) is %s', (member, expected) => {
    expect(isBotUser(member)).toBe(expected);
  });

  it.each([
    [{ is_restricted: true }, true],
    [{ is_ultra_restricted: true }, true],
    [{ is_restricted: false, is_ultra_restricted: false }, false],
  ])('isGuest(%j) is %s', (member, expected) => {
    expect(isGuest(member)).toBe(expected);
  });
});

describe('slackPatch', () => {
  const profile = {
    slackUserId: 'U1',
    name: 'Wei Wang',
    email: 'wei@example.com',
    timezone: 'Europe/Berlin',
    title: 'Lead',
    isGuest: false,
  };

  it('changes name, email, title and time zone on a row Slack manages', () => {
    expect(slackPatch(row({}), profile)).toEqual({
      name: 'Wei Wang',
      email: 'wei@example.com',
      title: 'Lead',
      timezone: 'Europe/Berlin',
    });
  });

  it('changes only the time zone and guest flag on a row HR manages', () => {
    expect(slackPatch(row({ orgSource: 'hr' }), { ...profile, isGuest: true })).toEqual({
      timezone: 'Europe/Berlin',
      isGuest: true,
    });
  });

  it('is empty when the row already says what Slack says, and never forgets an email Slack hides', () => {
    const same = { ...profile, name: 'Wang Wei', title: 'Engineer', timezone: 'Asia/Shanghai' };
    expect(slackPatch(row({}), { ...same, email: 'wang.wei@example.com' })).toEqual({});
    expect(slackPatch(row({}), { ...same, email: null })).toEqual({});
  });

  it('takes a new locale on any row, and never forgets one Slack did not send', () => {
    const same = { ...profile, name: 'Wang Wei', title: 'Engineer', timezone: 'Asia/Shanghai' };
    expect(slackPatch(row({ locale: 'en' }), { ...same, email: null, locale: 'zh-CN' })).toEqual({
      locale: 'zh-CN',
    });
    expect(slackPatch(row({ orgSource: 'hr' }), { ...same, locale: 'zh-CN' })).toEqual({ locale: 'zh-CN' });
    expect(slackPatch(row({ locale: 'zh-CN' }), { ...same, email: null, locale: null })).toEqual({});
    expect(slackPatch(row({ locale: 'zh-CN' }), { ...same, email: null })).toEqual({});
  });
});

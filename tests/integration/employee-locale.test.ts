import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLocaleBySlackUser, findLocalesByEmployeeIds } from '../../src/db/queries/employees.js';
import { employees } from '../../src/db/schema.js';
import { localeOf } from '../../src/i18n/index.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';

/** Reading people's languages, as a sender does at send time. */
describe.each(DRIVERS)('employee locales on %s', (driver) => {
  let testDb: TestDatabase;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
    const rows = await testDb.database.db
      .insert(employees)
      .values([
        { name: '王伟', slackUserId: 'UWANG', locale: 'zh-CN' },
        { name: 'Ann', slackUserId: 'UANN', locale: 'en' },
        { name: 'Driver without Slack', locale: null },
      ])
      .returning({ id: employees.id, slackUserId: employees.slackUserId });
    ids.wang = rows[0]?.id ?? -1;
    ids.ann = rows[1]?.id ?? -1;
    ids.driver = rows[2]?.id ?? -1;
  });
  afterAll(async () => {
    await testDb?.destroy();
  });

  it('reads the languages of a set of people in one go; unknown ones fall back to the default', async () => {
    const wang = ids.wang ?? -1;
    const ann = ids.ann ?? -1;
    const driver = ids.driver ?? -1;
    const found = await findLocalesByEmployeeIds(testDb.database.db, [wang, ann, driver, wang, 999_999]);
    expect([...found.values()].sort((a, b) => a.id - b.id)).toEqual([
      { id: wang, locale: 'zh-CN' },
      { id: ann, locale: 'en' },
      { id: driver, locale: null },
    ]);
    expect(localeOf(found.get(driver) ?? null, 'zh-CN')).toBe('zh-CN');
    expect(localeOf(found.get(999_999) ?? null, 'en')).toBe('en');
    expect(await findLocalesByEmployeeIds(testDb.database.db, [])).toEqual(new Map());
  });

  it('reads one person’s language by Slack user id', async () => {
    expect(await findLocaleBySlackUser(testDb.database.db, 'UWANG')).toEqual({
      id: ids.wang,
      locale: 'zh-CN',
    });
    expect(await findLocaleBySlackUser(testDb.database.db, 'UNOBODY')).toBeNull();
  });
});

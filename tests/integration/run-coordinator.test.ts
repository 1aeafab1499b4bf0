import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRuns } from '../../src/db/schema.js';
import { postgresRunCoordinator, splitKey } from '../../src/jobs/run-coordinator.js';
import { createTestDatabase, DRIVERS, type TestDatabase } from '../helpers/db.js';

describe.each(DRIVERS)('run coordinator on %s', (driver) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await testDb?.destroy();
  });

  it('lets exactly one of several replicas run each scheduled fire', async () => {
    const replicas = ['a', 'b', 'c'].map((id) => postgresRunCoordinator(testDb.database.db, id));
    const key = 'roster-sync:2026-11-28T03:00:00.000Z';
    const answers = await Promise.all(replicas.map((replica) => replica.shouldRun(key, 60_000)));
    expect(answers.filter(Boolean)).toHaveLength(1);
    // The next fire is a new slot: again exactly one.
    const next = await Promise.all(
      replicas.map((replica) => replica.shouldRun('roster-sync:2026-11-29T03:00:00.000Z', 60_000)),
    );
    expect(next.filter(Boolean)).toHaveLength(1);
    expect(await testDb.database.db.select().from(jobRuns)).toHaveLength(2);
  });

  it('reads node-cron’s key as job name and slot', () => {
    expect(splitKey('purge-slack-event-ids:2026-11-28T03:30:00.000Z')).toEqual({
      job: 'purge-slack-event-ids',
      scheduledFor: new Date('2026-11-28T03:30:00.000Z'),
    });
    expect(() => splitKey('no-slot')).toThrow('unexpected node-cron coordination key');
  });
});

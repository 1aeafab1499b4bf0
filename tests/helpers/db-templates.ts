import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/db/client.js';

/**
 * vitest's global setup: migrates one template database per driver, once per run, so that each test
 * file's fresh database is a copy of it (tests/helpers/db.ts) instead of a new cluster migrated
 * from scratch. PGlite: a dump of a migrated in-memory database, in a temporary file (loading it
 * skips PGlite's initdb, the dearest part of a new database). Postgres: a migrated database used as
 * `CREATE DATABASE … TEMPLATE`. Both are removed at the end of the run.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PGlite template's dump file. */
    pgliteTemplateFile: string;
    /** The Postgres template database's name, or '' without TEST_DATABASE_URL. */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const id = randomBytes(6).toString('hex');
  const pgliteFile = join(tmpdir(), `aab-pglite-template-${id}.tar`);
  const template = openPglite('memory://');
  try {
    await template.migrate();
    const client = (template.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir('none');
    writeFileSync(pgliteFile, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await template.close();
  }
  project.provide('pgliteTemplateFile', pgliteFile);

  const adminUrl = process.env.TEST_DATABASE_URL;
  let postgresTemplate = '';
  if (adminUrl) {
    postgresTemplate = `aab_template_${id}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${postgresTemplate}`);
    const url = new URL(adminUrl);
    url.pathname = `/${postgresTemplate}`;
    const database = openPostgres(url.toString(), { max: 1 });
    try {
      await database.migrate();
    } finally {
      // A template must have no connections while it is copied.
      await database.close();
      await admin.end();
    }
  }
  project.provide('postgresTemplate', postgresTemplate);

  return async () => {
    rmSync(pgliteFile, { force: true });
    if (adminUrl && postgresTemplate) {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${postgresTemplate} with (force)`);
      await admin.end();
    }
  };
}

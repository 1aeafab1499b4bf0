import { defineConfig } from 'vitest/config';
import { isPostgresWriteAfterClose } from './src/db/postgres-write-after-close.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Tuned for the 2-core machines we run on (vitest would use one worker there: cores − 1). Most
    // test time is spent waiting on databases, child processes and timers, so 2 workers fill both
    // cores; a third only adds contention.
    maxWorkers: 2,
    // Test files share their worker process (and so PGlite's compiled WebAssembly and the imported
    // app) instead of a new process each: seconds per file. Each file still gets its own database
    // and app; tests/helpers/isolation.ts undoes fake timers, mocks and stubs after each file.
    isolate: false,
    setupFiles: ['tests/helpers/isolation.ts'],
    // One migrated template database per driver for the whole run (tests/helpers/db.ts copies it).
    globalSetup: ['tests/helpers/db-templates.ts'],
    // Only postgres.js's stray write after a connection cut (src/db/postgres-write-after-close.ts,
    // which main.ts survives the same way); every other unhandled error still fails the run.
    onUnhandledError: (error) => !isPostgresWriteAfterClose(error),
  },
});

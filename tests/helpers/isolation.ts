import { afterAll, vi } from 'vitest';

/**
 * Test files share worker processes (vitest.config.ts, `isolate: false`), so whatever a file changes
 * in the process's globals is undone when it ends, before the next file runs there.
 */
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

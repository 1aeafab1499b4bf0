/**
 * postgres.js 3.4.9 can write to a connection after its socket closed (a connection cut in the
 * middle of a transaction: its queued write runs on the next tick against `socket = null`), which
 * throws `TypeError: Cannot read properties of null (reading 'write')` outside any query's promise.
 * The query itself has already failed with CONNECTION_CLOSED and the user was told nothing was
 * saved; the stray throw must not take the process down with it. This recognises exactly that
 * error (by message and by the frame in postgres.js), nothing else.
 */
export function isPostgresWriteAfterClose(error: unknown): boolean {
  // Also a serialised error (a test runner's worker passes errors on as plain objects).
  if (typeof error !== 'object' || error === null) return false;
  const { name, message, stack } = error as { name?: unknown; message?: unknown; stack?: unknown };
  return (
    name === 'TypeError' &&
    message === "Cannot read properties of null (reading 'write')" &&
    typeof stack === 'string' &&
    /[\\/]postgres[\\/]src[\\/]connection\.js/.test(stack)
  );
}

import { describe, expect, it } from 'vitest';
import { isPostgresWriteAfterClose } from '../../src/db/postgres-write-after-close.js';

const MESSAGE = "Cannot read properties of null (reading 'write')";
const POSTGRES_FRAME =
  '    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)';

function typeError(message: string, frame: string): TypeError {
  const error = new TypeError(message);
  error.stack = `TypeError: ${message}\n${frame}\n    at process.processImmediate (node:internal/timers:483:21)`;
  return error;
}

describe('postgres.js writing to a closed connection', () => {
  it('is recognised, also when serialised to a plain object', () => {
    const error = typeError(MESSAGE, POSTGRES_FRAME);
    expect(isPostgresWriteAfterClose(error)).toBe(true);
    expect(isPostgresWriteAfterClose({ name: error.name, message: error.message, stack: error.stack })).toBe(
      true,
    );
  });

  it('is the only error recognised: the same message elsewhere, or another error in postgres.js, is not', () => {
    expect(isPostgresWriteAfterClose(typeError(MESSAGE, '    at run (file:///app/src/jobs/x.ts:1:1)'))).toBe(
      false,
    );
    expect(isPostgresWriteAfterClose(typeError('x is not a function', POSTGRES_FRAME))).toBe(false);
    expect(isPostgresWriteAfterClose(new Error(MESSAGE))).toBe(false);
    expect(isPostgresWriteAfterClose(null)).toBe(false);
    expect(isPostgresWriteAfterClose(MESSAGE)).toBe(false);
  });
});

import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { describeError, type Logger } from '../logger.js';

/** Bolt logs through our pino logger, so one stream carries everything. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const join = (msg: unknown[]) =>
    msg
      .map((m) =>
        typeof m === 'string' ? m : m instanceof Error ? JSON.stringify(describeError(m)) : '[object]',
      )
      .join(' ');
  return {
    debug: (...msg) => child.debug(join(msg)),
    info: (...msg) => child.info(join(msg)),
    warn: (...msg) => child.warn(join(msg)),
    error: (...msg) => child.error(join(msg)),
    // Our LOG_LEVEL governs; Bolt's own setLevel calls are ignored.
    setLevel: () => {},
    getLevel: () => (child.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}

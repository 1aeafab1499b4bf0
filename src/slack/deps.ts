import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';

/** What every listener may use. `now` is injected so tests control the clock. */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  now: () => Date;
}

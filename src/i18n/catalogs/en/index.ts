/** English: the reference catalog. Every other language has exactly these keys (tsc and tests/unit/i18n-catalogs.test.ts). */

import { bot } from './bot.js';
import { common } from './common.js';
import { digest } from './digest.js';
import { entries } from './entries.js';
import { errors } from './errors.js';
import { home } from './home.js';
import { hr } from './hr.js';
import { nudge } from './nudge.js';
import { review } from './review.js';
import { sessions } from './sessions.js';
import { team } from './team.js';

export const en = {
  ...common,
  ...errors,
  ...bot,
  ...review,
  ...entries,
  ...digest,
  ...hr,
  ...home,
  ...sessions,
  ...team,
  ...nudge,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

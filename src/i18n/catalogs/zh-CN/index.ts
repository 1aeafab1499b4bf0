import type { Messages } from '../en/index.js';
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

/** 简体中文. `satisfies Messages`: a key missing here fails the type check. */
export const zhCN = {
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
} satisfies Messages;

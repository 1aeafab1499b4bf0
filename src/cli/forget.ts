import { userInfo } from 'node:os';
import { ConfigError, loadDatabaseConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { ForgetError, forgetPerson, parseForgetTarget } from '../domain/forget.js';
import { errorSummary } from '../logger.js';

/**
 * `npm run forget -- <slack user id | email>`: erases one person's personal data and keeps the
 * anonymous counts (what is erased and what is kept: docs/privacy.md). Audited as the operating
 * system user who ran it. Exit codes: 0 erased, 1 nothing changed (unknown person, bad arguments
 * or configuration, database error).
 */
const USAGE = 'usage: npm run forget -- <slack user id | email>';

async function main(args: string[]): Promise<number> {
  const target = args.length === 1 && args[0] ? parseForgetTarget(args[0]) : null;
  if (!target) {
    console.error(USAGE);
    return 1;
  }
  const database = openDatabase(loadDatabaseConfig(process.env).database);
  try {
    await database.migrate();
    const report = await forgetPerson(database.db, target, `cli:${operator()}`, new Date());
    console.log(
      `forgotten: employee #${report.employeeId} (${report.bots} bot(s), ${report.reviewComments} review comment(s) erased; ${report.messages} scheduled message(s) cancelled or sent without them; counts kept)`,
    );
    if (report.stillActive) {
      console.log(
        'warning: this person has no end date on the roster. If their Slack account is still active, the next roster sync adds them again as a new person; deactivate the account (or set their end date) first.',
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ForgetError)) throw error;
    console.error(`forget: ${error.message}. Nothing was changed.`);
    return 1;
  } finally {
    await database.close();
  }
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `forget failed; nothing was changed: ${errorSummary(error)}`,
  );
  process.exitCode = 1;
}

import type { Tx } from '../db/client.js';
import { type AuditVia, insertAuditEntries } from '../db/queries/audit.js';

export type { AuditVia } from '../db/queries/audit.js';

export type HrAccessDecision =
  | { kind: 'granted'; by: 'user-id' | 'usergroup' }
  | { kind: 'refused' }
  /** The user group could not be read: nobody outside HR_USER_IDS is let in, nobody is called non-HR. */
  | { kind: 'unavailable'; reason: string };

export interface HrAccessOptions {
  hrUserIds: readonly string[];
  hrUsergroupId: string | undefined;
  /** How long a read of the user group's members is trusted. */
  cacheTtlMs: number;
  /** A lookup slower than this counts as failed (Slack's client would otherwise retry for minutes). */
  lookupTimeoutMs?: number;
  /** Milliseconds clock, injectable for tests. */
  clock?: () => number;
}

/** Reads the members of a Slack user group (usergroups.users.list); throws when Slack does not answer. */
export type UsergroupLookup = (usergroupId: string) => Promise<readonly string[]>;

/**
 * The HR access check: HR_USER_IDS, or membership of HR_USERGROUP_ID read from Slack and kept for
 * `cacheTtlMs`. One lookup is in flight at a time. It fails closed: once the cached membership has
 * expired, a failed lookup grants nobody (not even someone who was a member a minute ago; they may
 * have been removed) and refuses nobody as non-HR — the decision is "unavailable".
 */
export class HrAccess {
  private members: { ids: ReadonlySet<string>; fetchedAt: number } | null = null;
  private pending: Promise<ReadonlySet<string>> | null = null;
  private readonly clock: () => number;

  constructor(private readonly options: HrAccessOptions) {
    this.clock = options.clock ?? Date.now;
  }

  async check(slackUserId: string, lookup: UsergroupLookup): Promise<HrAccessDecision> {
    if (this.options.hrUserIds.includes(slackUserId)) return { kind: 'granted', by: 'user-id' };
    const groupId = this.options.hrUsergroupId;
    if (!groupId) return { kind: 'refused' };
    try {
      const members = await this.groupMembers(groupId, lookup);
      return members.has(slackUserId) ? { kind: 'granted', by: 'usergroup' } : { kind: 'refused' };
    } catch (error) {
      return { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Forgets the cached membership (the next check reads the group again). */
  invalidate(): void {
    this.members = null;
  }

  private groupMembers(groupId: string, lookup: UsergroupLookup): Promise<ReadonlySet<string>> {
    const cached = this.members;
    if (cached && this.clock() - cached.fetchedAt < this.options.cacheTtlMs)
      return Promise.resolve(cached.ids);
    if (!this.pending) {
      const startedAt = this.clock();
      this.pending = withTimeout(lookup(groupId), this.options.lookupTimeoutMs ?? 5000)
        .then((ids) => {
          const set = new Set(ids);
          this.members = { ids: set, fetchedAt: startedAt };
          return set;
        })
        .finally(() => {
          this.pending = null;
        });
    }
    return this.pending;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface AuditEntry {
  actor: string;
  action: string;
  via: AuditVia;
  subjectEmployeeId?: number | null;
  detail?: unknown;
}

/** Appends one row to the audit log (the app never updates or deletes it; the database refuses to). */
export async function audit(db: Tx, entry: AuditEntry, now: Date): Promise<void> {
  await auditMany(db, [entry], now);
}

/** Appends several rows in one statement (e.g. one per person listed on a page). */
export async function auditMany(db: Tx, entries: readonly AuditEntry[], now: Date): Promise<void> {
  await insertAuditEntries(
    db,
    entries.map((entry) => ({
      actorSlackUserId: entry.actor,
      action: entry.action,
      via: entry.via,
      subjectEmployeeId: entry.subjectEmployeeId ?? null,
      detail: entry.detail ?? null,
      at: now,
    })),
  );
}

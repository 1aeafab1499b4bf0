/**
 * A lane of work: a few tasks at a time, in arrival order, with a cap on how many may be in flight
 * (running or waiting). The app has two (src/server.ts): the quick lane for commands answered in
 * the ack, and the slow lane for exports, the digest and live stats, so that slow work never
 * delays a quick answer. Shutdown waits for both.
 */

/** Given to each task: lets it give up its slot for the rest of its run (see `release`). */
export interface LaneSlot {
  /**
   * Frees the slot for the next task while this one goes on: for the part of a task that waits on
   * something with its own bound (a batch of submissions, src/domain/submissions.ts) instead of
   * holding a pooled connection. The task still counts in `size`, in the cap and for `drain`.
   */
  release(): void;
}

export interface WorkQueue {
  /**
   * Runs `task` when a slot is free and resolves with its result; null at once, with nothing
   * started, when `limit` requests taken by tryRun are already in flight (the caller says "busy,
   * nothing was saved"). Follow-ups (`run`) share the slots but not the cap: a DM still owed for a
   * stored change never turns a person away.
   */
  tryRun<T>(task: (slot: LaneSlot) => Promise<T>): Promise<T> | null;
  /**
   * Like tryRun, past the limit too: for the follow-ups of a change already stored (a DM after a
   * saved decision), which must not be dropped. Counted in `size`, waited for at shutdown.
   */
  run<T>(task: (slot: LaneSlot) => Promise<T>): Promise<T>;
  /** Tasks running or waiting. */
  readonly size: number;
  /** Resolves once every accepted task has finished, or after `timeoutMs`; true when drained. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createWorkQueue(concurrency: number, limit = Number.POSITIVE_INFINITY): WorkQueue {
  /** Tasks holding a slot. */
  let running = 0;
  /** Tasks started and not finished, with or without their slot. */
  let started = 0;
  /** Tasks taken by tryRun and not finished: what the cap counts. */
  let admitted = 0;
  const waiting: Array<() => void> = [];
  const idleWaiters: Array<() => void> = [];

  const next = () => {
    if (running < concurrency) {
      const start = waiting.shift();
      if (start) {
        running++;
        start();
      }
    }
    if (started === 0 && waiting.length === 0) for (const wake of idleWaiters.splice(0)) wake();
  };

  const run = <T>(task: (slot: LaneSlot) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() => {
        started++;
        let holding = true;
        const slot = {
          release() {
            if (!holding) return;
            holding = false;
            running--;
            next();
          },
        };
        // A task that throws before its first await still frees its slot.
        Promise.resolve()
          .then(() => task(slot))
          .then(resolve, reject)
          .finally(() => {
            started--;
            if (holding) slot.release();
            else next();
          });
      });
      next();
    });

  return {
    get size() {
      return started + waiting.length;
    },
    tryRun(task) {
      if (admitted >= limit) return null;
      admitted++;
      return run(task).finally(() => {
        admitted--;
      });
    },
    run,
    drain(timeoutMs) {
      if (started === 0 && waiting.length === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}

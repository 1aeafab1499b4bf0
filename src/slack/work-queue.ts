/**
 * The work a listener does after acking runs here, a few tasks at a time, in arrival order. Acks
 * stay fast however many requests arrive, each request's work finishes without waiting behind
 * the first steps of every later one, and shutdown can wait for what was promised.
 */
export interface WorkQueue {
  /** Runs `task` when a slot is free; resolves with its result. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running or waiting. */
  readonly size: number;
  /** Resolves once every accepted task has finished, or after `timeoutMs`; true when drained. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createWorkQueue(concurrency: number): WorkQueue {
  let running = 0;
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
    if (running === 0 && waiting.length === 0) for (const wake of idleWaiters.splice(0)) wake();
  };

  return {
    get size() {
      return running + waiting.length;
    },
    run<T>(task: () => Promise<T>) {
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              running--;
              next();
            });
        });
        next();
      });
    },
    drain(timeoutMs) {
      if (running === 0 && waiting.length === 0) return Promise.resolve(true);
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

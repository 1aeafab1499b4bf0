import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../src/slack/work-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('work queue', () => {
  it('runs at most `concurrency` tasks at once, in arrival order', async () => {
    const queue = createWorkQueue(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        queue.run(async () => {
          started.push(i);
          running++;
          peak = Math.max(peak, running);
          await tick();
          running--;
          return i * 10;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(queue.size).toBe(0);
  });

  it('passes a task’s failure to its caller and keeps going', async () => {
    const queue = createWorkQueue(1);
    const failing = queue.run(async () => {
      throw new Error('boom');
    });
    const after = queue.run(async () => 'still runs');
    await expect(failing).rejects.toThrow('boom');
    await expect(after).resolves.toBe('still runs');
  });

  it('drains: resolves true when accepted work is done, false when the grace period ends first', async () => {
    const queue = createWorkQueue(1);
    expect(await queue.drain(10)).toBe(true);
    let finished = 0;
    for (let i = 0; i < 3; i++) {
      void queue.run(async () => {
        await tick();
        finished++;
      });
    }
    expect(await queue.drain(1000)).toBe(true);
    expect(finished).toBe(3);
    void queue.run(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(await queue.drain(20)).toBe(false);
  });

  it('refuses past its limit at once, starting nothing, and accepts again once a task is done', async () => {
    const queue = createWorkQueue(1, 2);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const first = queue.tryRun(async () => {
      started++;
      await held;
      return 'first';
    });
    const second = queue.tryRun(async () => {
      started++;
      return 'second';
    });
    const third = queue.tryRun(async () => {
      started++;
      return 'third';
    });
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(third).toBeNull();
    expect(queue.size).toBe(2);
    release();
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(started).toBe(2);
    await expect(queue.tryRun(async () => 'fourth')).resolves.toBe('fourth');
  });

  it('counts only requests against its limit: a follow-up waiting for a slot never turns a person away', async () => {
    const queue = createWorkQueue(1, 1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const followUp = queue.run(async () => {
      await held;
      return 'DM sent';
    });
    // The follow-up holds the only slot, but not the request cap: the request waits, it is not refused.
    const request = queue.tryRun(async () => 'saved');
    expect(request).not.toBeNull();
    expect(queue.tryRun(async () => 'another')).toBeNull(); // one request in flight: the cap
    release();
    expect(await Promise.all([followUp, request])).toEqual(['DM sent', 'saved']);
    await expect(queue.tryRun(async () => 'next')).resolves.toBe('next');
  });

  it('frees the slot of a task that throws before its first await', async () => {
    const queue = createWorkQueue(1, 1);
    await expect(
      queue.run(() => {
        throw new Error('at once');
      }),
    ).rejects.toThrow('at once');
    expect(queue.size).toBe(0);
    await expect(queue.tryRun(async () => 'next')).resolves.toBe('next');
  });
  it('a task that releases its slot lets the next one start, yet still counts for the cap and drain', async () => {
    const queue = createWorkQueue(1, 2);
    let finish: () => void = () => {};
    const first = queue.tryRun(async (slot) => {
      slot.release();
      slot.release(); // twice frees one slot only
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return 'first';
    });
    const second = queue.tryRun(async () => 'second');
    expect(await second).toBe('second'); // started while the first still runs
    expect(queue.size).toBe(1);
    // The cap still counts the released task: one more fits, two do not.
    let held: () => void = () => {};
    const third = queue.tryRun(
      () =>
        new Promise<string>((resolve) => {
          held = () => resolve('third');
        }),
    );
    expect(queue.tryRun(async () => 'refused')).toBeNull();
    expect(await queue.drain(20)).toBe(false);
    finish();
    held();
    expect([await first, await third]).toEqual(['first', 'third']);
    expect(await queue.drain(20)).toBe(true);
    expect(queue.size).toBe(0);
  });
});

import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { anythingBut } from '../../src/slack/listeners/stale/out-of-date.js';
import { ListenerRouter } from '../../src/slack/router.js';

type BoltListener = (args: Record<string, unknown>) => Promise<void>;

/** A stand-in for Bolt that records the global middleware registered on it. */
function fakeBolt() {
  const middleware: BoltListener[] = [];
  const app = { use: (fn: BoltListener) => middleware.push(fn) };
  const passedOn: unknown[] = [];
  const dispatch = (args: Record<string, unknown>) => {
    expect(middleware).toHaveLength(1);
    return (middleware[0] as BoltListener)({
      ...args,
      next: async () => {
        passedOn.push(args);
      },
    });
  };
  return { app: app as unknown as App, dispatch, passedOn };
}

describe('listener router (one Bolt listener per kind)', () => {
  it('gives Bolt one middleware that dispatches by command, action_id, callback_id and event type', async () => {
    const router = new ListenerRouter();
    const calls: string[] = [];
    const note = (name: string) => async () => {
      calls.push(name);
    };
    router.listeners.command('/bot', note('bot'));
    router.listeners.command('/adoption', note('adoption'));
    router.listeners.action({ type: 'block_actions', action_id: 'digest_use' }, note('digest'));
    router.listeners.action(
      { type: 'block_actions', action_id: /^review_(approve|reject)$/ },
      note('review'),
    );
    router.listeners.action(
      { type: 'block_actions', action_id: anythingBut(['digest_use', /^review_(approve|reject)$/]) },
      note('stale button'),
    );
    router.listeners.view('bot_submit', note('form'));
    router.listeners.view(anythingBut(['bot_submit']), note('stale form'));
    router.listeners.event('team_join', note('join'));
    router.listeners.event('user_change', note('change'));
    const bolt = fakeBolt();
    router.attach(bolt.app);
    const { dispatch } = bolt;
    await dispatch({ body: {}, command: { command: '/adoption' } });
    await dispatch({ body: {}, command: { command: '/unknown' } });
    for (const id of ['digest_use', 'review_reject', 'review_old', 'review_approve'])
      await dispatch({ body: { type: 'block_actions' }, action: { action_id: id } });
    await dispatch({ body: { type: 'interactive_message' }, action: { action_id: 'digest_use' } });
    for (const id of ['bot_submit', 'old_form'])
      await dispatch({ body: { type: 'view_submission' }, view: { callback_id: id } });
    await dispatch({ body: { type: 'view_closed' }, view: { callback_id: 'bot_submit' } });
    await dispatch({ body: {}, event: { type: 'user_change' } });
    await dispatch({ body: {}, event: { type: 'message' } });

    expect(calls).toEqual([
      'adoption',
      'digest',
      'review',
      'stale button',
      'review',
      'form',
      'stale form',
      'change',
    ]);
    // What nothing here answers goes on to Bolt (no listener takes it either, as before).
    expect(bolt.passedOn).toHaveLength(4);
  });

  it('runs every handler that matches, as Bolt runs every matching listener, and rethrows a failure', async () => {
    const router = new ListenerRouter();
    const calls: string[] = [];
    router.listeners.action({ type: 'block_actions', action_id: 'page' }, async () => {
      calls.push('exact');
    });
    router.listeners.action({ type: 'block_actions', action_id: /^pa/ }, async () => {
      calls.push('pattern');
      throw new Error('boom');
    });
    const bolt = fakeBolt();
    router.attach(bolt.app);
    await expect(
      bolt.dispatch({ body: { type: 'block_actions' }, action: { action_id: 'page' } }),
    ).rejects.toThrow('boom');
    expect(calls.sort()).toEqual(['exact', 'pattern']);
  });
});

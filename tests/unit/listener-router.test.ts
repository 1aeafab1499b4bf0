import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { anythingBut } from '../../src/slack/listeners/stale/out-of-date.js';
import { ListenerRouter } from '../../src/slack/router.js';

type BoltListener = (args: Record<string, unknown>) => Promise<void>;

/** A stand-in for Bolt that records the listeners registered on it, by kind. */
function fakeBolt() {
  const registered: Record<string, { constraint: unknown; listener: BoltListener }[]> = {};
  const record = (kind: string) => (constraint: unknown, listener: BoltListener) => {
    registered[kind] = [...(registered[kind] ?? []), { constraint, listener }];
  };
  const app = {
    command: record('command'),
    action: record('action'),
    view: record('view'),
    event: record('event'),
  };
  const only = (kind: string) => {
    const list = registered[kind] ?? [];
    expect(list).toHaveLength(1);
    return (list[0] as { listener: BoltListener }).listener;
  };
  return { app: app as unknown as App, registered, only };
}

describe('listener router (one Bolt listener per kind)', () => {
  it('gives Bolt one listener per kind and dispatches by command, action_id, callback_id and event type', async () => {
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
    expect(Object.keys(bolt.registered).sort()).toEqual(['action', 'command', 'event', 'view']);

    const command = bolt.only('command');
    await command({ command: { command: '/adoption' } });
    await command({ command: { command: '/unknown' } });
    const action = bolt.only('action');
    for (const id of ['digest_use', 'review_reject', 'review_old', 'review_approve'])
      await action({ body: { type: 'block_actions' }, action: { action_id: id } });
    await action({ body: { type: 'interactive_message' }, action: { action_id: 'digest_use' } });
    const view = bolt.only('view');
    for (const id of ['bot_submit', 'old_form'])
      await view({ body: { type: 'view_submission' }, view: { callback_id: id } });
    await view({ body: { type: 'view_closed' }, view: { callback_id: 'bot_submit' } });
    await bolt.only('event')({ event: { type: 'user_change' } });

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
      bolt.only('action')({ body: { type: 'block_actions' }, action: { action_id: 'page' } }),
    ).rejects.toThrow('boom');
    expect(calls.sort()).toEqual(['exact', 'pattern']);
  });
});

import type { AnyMiddlewareArgs, App } from '@slack/bolt';

/**
 * What a listener file registers on: the subset of Bolt's `App` the listener files use, with the
 * same signatures, so each file still says in Bolt's terms what it answers.
 */
export type Listeners = Pick<App, 'command' | 'action' | 'view' | 'event'>;

// biome-ignore lint/suspicious/noExplicitAny: Bolt's listener arguments differ by kind; each listener file is typed by Bolt's own signatures.
type Handler = (args: any) => Promise<void> | void;
type Id = string | RegExp;

/** Handlers by exact id, then by pattern (in registration order). */
class Table {
  private readonly exact = new Map<string, Handler[]>();
  private readonly patterns: { pattern: RegExp; handler: Handler }[] = [];

  add(id: Id, handler: Handler): void {
    if (typeof id === 'string') {
      const list = this.exact.get(id);
      if (list) list.push(handler);
      else this.exact.set(id, [handler]);
    } else this.patterns.push({ pattern: id, handler });
  }

  /** Every handler for this id, as Bolt would have run every listener whose constraint matched. */
  match(id: string): readonly Handler[] {
    const exact = this.exact.get(id);
    let matched: Handler[] | undefined;
    for (const { pattern, handler } of this.patterns) {
      if (!pattern.test(id)) continue;
      matched ??= exact ? [...exact] : [];
      matched.push(handler);
    }
    return matched ?? exact ?? NONE;
  }
}

const NONE: readonly Handler[] = [];

/**
 * Bolt runs every request through every registered listener's middleware chain (copying the
 * chain and the arguments for each middleware call), which under load was a third of the bytes the
 * app allocated. The listener files therefore register here, and the app gives Bolt one
 * dispatching middleware (no listener chains at all) that looks the handlers up by command,
 * action_id, callback_id or event type. Constraints are the ones the listener files use: a command
 * name, `{ type: 'block_actions', action_id }`, a view submission's callback_id, an event type;
 * strings match exactly and patterns as `RegExp.test`, like Bolt's own matchers. Handlers receive
 * Bolt's listener arguments unchanged.
 */
export class ListenerRouter {
  private readonly commands = new Table();
  private readonly actions = new Table();
  private readonly views = new Table();
  private readonly events = new Table();

  /** The registration surface handed to the listener files. */
  readonly listeners: Listeners = {
    command: ((name: Id, handler: Handler) => this.commands.add(name, handler)) as Listeners['command'],
    action: ((constraints: Id | { type?: string; action_id?: Id }, handler: Handler) => {
      const id =
        typeof constraints === 'string' || constraints instanceof RegExp
          ? constraints
          : constraints.action_id;
      if (id === undefined || (typeof constraints === 'object' && 'block_id' in constraints))
        throw new Error('an action listener is registered by action_id only');
      if (
        typeof constraints === 'object' &&
        !(constraints instanceof RegExp) &&
        constraints.type !== 'block_actions'
      )
        throw new Error('only block_actions listeners are routed');
      this.actions.add(id, handler);
    }) as Listeners['action'],
    view: ((callbackId: Id, handler: Handler) => {
      if (typeof callbackId !== 'string' && !(callbackId instanceof RegExp))
        throw new Error('a view listener is registered by callback_id only');
      this.views.add(callbackId, handler);
    }) as Listeners['view'],
    event: ((type: Id, handler: Handler) => this.events.add(type, handler)) as Listeners['event'],
  };

  /**
   * Registers the dispatch on Bolt as its last global middleware: it runs after every middleware
   * registered before it (dedupe, refuse-while-stopping), as listeners do, and hands the handlers
   * the arguments Bolt built once, with no further listener chains. A request no handler takes
   * goes on to Bolt's listeners (none are registered).
   */
  attach(app: App): void {
    app.use(async (args) => {
      const handlers = this.handlersFor(args);
      if (handlers.length === 0) return args.next();
      return run(handlers, args);
    });
  }

  private handlersFor(args: AnyMiddlewareArgs): readonly Handler[] {
    if ('command' in args) return this.commands.match(args.command.command);
    if ('action' in args)
      return args.body.type === 'block_actions'
        ? this.actions.match((args.action as { action_id: string }).action_id)
        : NONE;
    if ('view' in args)
      return args.body.type === 'view_submission' ? this.views.match(args.view.callback_id) : NONE;
    if ('event' in args) return this.events.match(args.event.type);
    return NONE;
  }
}

/** Like Bolt with several matching listeners: all run; one failure is rethrown, several together. */
async function run(handlers: readonly Handler[], args: AnyMiddlewareArgs): Promise<void> {
  if (handlers.length === 1) return (handlers[0] as Handler)(args);
  const settled = await Promise.allSettled(handlers.map(async (handler) => handler(args)));
  const failures = settled
    .filter((s): s is PromiseRejectedResult => s.status === 'rejected')
    .map((s) => s.reason);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, 'several listeners failed');
}

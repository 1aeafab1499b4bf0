import { App, type CustomRoute } from '@slack/bolt';
import { translator } from '../i18n/index.js';
import { boltLogger } from './bolt-logger.js';
import type { AppDeps } from './deps.js';
import { register as registerDigestUse } from './listeners/actions/digest-use.js';
import { register as registerEntryActions } from './listeners/actions/entry-actions.js';
import { register as registerHrActions } from './listeners/actions/hr-actions.js';
import { register as registerReviewActions } from './listeners/actions/review-actions.js';
import { register as registerSessionButtons } from './listeners/actions/session-buttons.js';
import { register as registerBotCommand } from './listeners/commands/bot-command.js';
import { register as registerHrCommand } from './listeners/commands/hr-command.js';
import { register as registerAppHome } from './listeners/events/app-home.js';
import { register as registerRosterEvents } from './listeners/events/roster-events.js';
import { register as registerOutOfDate } from './listeners/stale/out-of-date.js';
import { register as registerBotForm } from './listeners/views/bot-form.js';
import { register as registerReviewDecision } from './listeners/views/review-decision.js';
import { register as registerSessionAttendance } from './listeners/views/session-attendance.js';
import { register as registerEventDedupe } from './middleware/dedupe-events.js';
import { refuseWhileStopping } from './middleware/refuse-while-stopping.js';
import { rememberedTranslator } from './requester.js';
import { ListenerRouter } from './router.js';

/**
 * The Bolt app: Socket Mode when an app token is configured, HTTP mode (POST /slack/events)
 * otherwise. Listeners are registered here and nowhere else, through one dispatching middleware.
 */
export function createSlackApp(
  deps: AppDeps,
  routes: CustomRoute[],
  options: { stopping?: () => boolean } = {},
): App {
  const { slack, slackApiUrl, port } = deps.config;
  const common = {
    token: slack.botToken,
    logger: boltLogger(deps.logger),
    clientOptions: { slackApiUrl },
    customRoutes: routes,
    // Bolt's conversation store is unused here; left on, it costs every request a lookup that
    // fails with a new Error (stack trace included): 3–4% of the main thread under load.
    convoStore: false as const,
  };
  const app =
    slack.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: slack.appToken, installerOptions: { port } })
      : new App({ ...common, signingSecret: slack.signingSecret });
  registerEventDedupe(app, deps); // first: a repeated Slack event reaches no listener
  // Once shutdown has begun, commands, buttons and forms are told nothing was saved.
  if (options.stopping)
    app.use(
      refuseWhileStopping(options.stopping, (slackUserId) =>
        slackUserId
          ? rememberedTranslator(deps, slackUserId)
          : translator(deps.locales.default, { timeZone: deps.config.digest.timezone }),
      ),
    );
  // One dispatch for all listeners (see ListenerRouter); each file still registers what it answers.
  const router = new ListenerRouter();
  const listeners = router.listeners;
  registerBotCommand(listeners, deps);
  registerBotForm(listeners, deps);
  registerHrCommand(listeners, deps);
  registerHrActions(listeners, deps);
  registerRosterEvents(listeners, deps);
  registerReviewActions(listeners, deps);
  registerReviewDecision(listeners, deps);
  registerDigestUse(listeners, deps);
  registerEntryActions(listeners, deps);
  registerAppHome(listeners, deps);
  registerSessionButtons(listeners, deps);
  registerSessionAttendance(listeners, deps);
  registerOutOfDate(listeners, deps); // buttons and forms no listener above answers
  router.attach(app); // last: after every other middleware, as Bolt's listeners run
  return app;
}

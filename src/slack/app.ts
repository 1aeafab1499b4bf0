import { App, type CustomRoute } from '@slack/bolt';
import { boltLogger } from '../logger.js';
import type { AppDeps } from './deps.js';
import { register as registerBotCommand } from './listeners/commands/bot-command.js';
import { register as registerBotForm } from './listeners/views/bot-form.js';

/**
 * The Bolt app: Socket Mode when an app token is configured, HTTP mode (POST /slack/events)
 * otherwise. Listeners are registered here and nowhere else.
 */
export function createSlackApp(deps: AppDeps, routes: CustomRoute[]): App {
  const { slack, slackApiUrl, port } = deps.config;
  const common = {
    token: slack.botToken,
    logger: boltLogger(deps.logger),
    clientOptions: { slackApiUrl },
    customRoutes: routes,
  };
  const app =
    slack.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: slack.appToken, installerOptions: { port } })
      : new App({ ...common, signingSecret: slack.signingSecret });
  registerBotCommand(app, deps);
  registerBotForm(app, deps);
  return app;
}

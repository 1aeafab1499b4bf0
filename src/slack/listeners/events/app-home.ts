import type { AppDeps } from '../../deps.js';
import { publishHome } from '../../notify.js';
import type { Listeners } from '../../router.js';

/** `app_home_opened` on the Home tab (not the Messages tab): publish the person's current Home view. */
export function register(app: Listeners, deps: AppDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await deps.work.run(() => publishHome(deps, client, event.user));
  });
}

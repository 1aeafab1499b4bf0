import type { CustomRoute } from '@slack/bolt';

/** GET /healthz: 200 only when the database answers. */
export function healthzRoute(ping: () => Promise<boolean>): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      void ping().then((ok) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'database unavailable' }));
      });
    },
  };
}

import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a database that a test can cut and restore, to simulate an outage
 * without stopping the shared Postgres server.
 */
export interface TcpProxy {
  port: number;
  /** Refuses new connections and drops open ones. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  /**
   * Arms a cut for the moment a client sends bytes matching `pattern` (e.g. an INSERT): that chunk
   * is dropped and every connection cut, so the statement is in flight when the database goes.
   */
  cutWhenClientSends(pattern: RegExp): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  let trigger: { pattern: RegExp; fired: () => void } | null = null;

  const listen = async () => {
    const s = createServer((client) => {
      const upstream = createConnection(targetPort, targetHost);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.on('data', (chunk: Buffer) => {
        const armed = trigger;
        if (armed?.pattern.test(chunk.toString('latin1'))) {
          trigger = null;
          void cut().then(armed.fired);
          return;
        }
        if (!upstream.write(chunk)) client.pause();
      });
      upstream.on('drain', () => client.resume());
      upstream.pipe(client);
    });
    s.listen(port, '127.0.0.1');
    await once(s, 'listening');
    port = (s.address() as { port: number }).port;
    server = s;
  };
  const cut = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  const cutWhenClientSends = (pattern: RegExp) =>
    new Promise<void>((fired) => {
      trigger = { pattern, fired };
    });

  await listen();
  return { port, cut, restore: listen, close: cut, cutWhenClientSends };
}

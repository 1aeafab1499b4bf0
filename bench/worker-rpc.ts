import { parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * Just enough RPC to run a bench component (load generator, fake Slack) on its own thread: the
 * component is a factory returning an object of one-argument async methods; the main thread gets a
 * `Remote` with the same methods, whether the object lives in a worker or (`local`) in-process.
 * Arguments and results go through structured clone, so plain data and typed arrays only.
 */

// `never` accepts every one-argument method; Parameters<> recovers the real argument type.
export type Handlers = { [method: string]: (arg: never) => unknown };

export interface Remote<H extends Handlers> {
  call<K extends keyof H & string>(method: K, arg: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>>;
  /** Ends the worker (after calling its `close` method, if it has one). */
  terminate(): Promise<void>;
}

interface Call {
  id: number;
  method: string;
  arg: unknown;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** In-process: the same interface, no thread. */
export function local<H extends Handlers>(handlers: H): Remote<H> {
  const invoke = (method: string, arg: unknown) =>
    Promise.resolve((handlers[method] as (a: unknown) => unknown)(arg));
  return {
    call: (method, arg) => invoke(method, arg) as never,
    async terminate() {
      if (typeof handlers.close === 'function') await invoke('close', undefined);
    },
  };
}

/**
 * Starts `module` (a .ts file next to this one) in a worker thread and calls its exported
 * `factory()` there. Workers do not inherit tsx's loader on Node 20, so the boot script registers
 * it first.
 */
export async function spawn<H extends Handlers>(module: URL, factory: string): Promise<Remote<H>> {
  const entry = new URL('./worker-rpc.ts', import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); }).then((rpc) => rpc.serve());`;
  const worker = new Worker(boot, { eval: true, workerData: { module: module.href, factory } });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let failure: Error | undefined;
  let nextId = 0;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`worker ${factory} exited (code ${code})`)));
  worker.on('message', (reply: Reply | { ready: true }) => {
    if ('ready' in reply) return;
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.result);
    else waiter?.reject(new Error(`worker ${factory}: ${reply.error}`));
  });
  const call = (method: string, arg: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, arg } satisfies Call);
    });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if ((message as { ready?: boolean }).ready) {
        worker.off('message', onMessage);
        resolve();
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`worker ${factory} exited during start (code ${code})`)));
  });
  return {
    call: (method, arg) => call(method, arg) as never,
    async terminate() {
      await call('close', undefined).catch(() => undefined);
      await worker.terminate();
    },
  };
}

/** Worker side: builds the handlers named by workerData and answers calls until terminated. */
export async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serve() must run in a worker thread');
  const { module, factory } = workerData as { module: string; factory: string };
  const exports = (await import(module)) as Record<string, () => Promise<Handlers> | Handlers>;
  const make = exports[factory];
  if (typeof make !== 'function') throw new Error(`${module} does not export ${factory}()`);
  const handlers = await make();
  port.on('message', async ({ id, method, arg }: Call) => {
    try {
      const handler = handlers[method] as ((a: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`no method ${method}`);
      port.postMessage({ id, ok: true, result: await handler(arg) } satisfies Reply);
    } catch (error) {
      port.postMessage({ id, ok: false, error: String(error) } satisfies Reply);
    }
  });
  port.postMessage({ ready: true });
}

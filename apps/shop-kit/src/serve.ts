import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AntomSettings, antomSettingsFromEnv, describeMode } from './antom-settings';
import { openDatabase } from './database';
import { OrderStore } from './orders';
import { type ShopSettings, shopSettingsFromEnv } from './settings';

/** What a shop's `createShop` gets from the environment. */
export interface ShopRuntime {
  settings: ShopSettings;
  antom: AntomSettings;
  orders: OrderStore;
}

export interface ServableShop {
  /** The framework's Node request listener: an Express app, `koaApp.callback()`, Nest's HTTP adapter instance. */
  listener: (req: IncomingMessage, res: ServerResponse) => unknown;
  close(): Promise<void>;
}

/**
 * A shop's `main`: reads the environment, starts the embedded sandbox when no ANTOM_* variable is set, opens
 * the orders database, listens, prints where everything is, and shuts down in order on SIGINT/SIGTERM.
 */
export async function serveShop(
  create: (runtime: ShopRuntime) => ServableShop | Promise<ServableShop>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const settings = shopSettingsFromEnv(env);
  const antom = await antomSettingsFromEnv(env, { dataDir: settings.dataDir });
  const orders = await OrderStore.open(
    await openDatabase(settings.databaseUrl ? { databaseUrl: settings.databaseUrl } : { dataDir: settings.dataDir }),
  );
  const shop = await create({ settings, antom, orders });

  const server = createServer(shop.listener);
  await new Promise<void>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      console.error(
        error.code === 'EADDRINUSE'
          ? `Port ${settings.port} is in use: set PORT to another one (and PUBLIC_URL if you set it).`
          : `Cannot listen on ${settings.host}:${settings.port}: ${error.message}`,
      );
      process.exit(1);
    });
    server.listen(settings.port, settings.host, resolve);
  });

  console.log(`Shop:     ${settings.publicUrl}  (listening on ${settings.host}:${settings.port})`);
  console.log(`Antom:    ${describeMode(antom)}`);
  console.log(`Orders:   ${settings.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${settings.dataDir}`}`);
  if (settings.adminTokenGenerated)
    console.log(`Refunds:  admin token ${settings.adminToken} (set ADMIN_TOKEN to choose one)`);
  console.log(`Open ${settings.publicUrl} to buy something.`);

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      server.close();
      server.closeAllConnections();
      void Promise.allSettled([shop.close(), antom.close()])
        .then(() => orders.close())
        .finally(() => process.exit(0));
    });
  }
}

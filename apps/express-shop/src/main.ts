import { createServer } from 'node:http';
import { antomSettingsFromEnv, describeMode, OrderStore, openDatabase, shopSettingsFromEnv } from '@antomkit/shop-kit';
import { createShop } from './app';

const settings = shopSettingsFromEnv(process.env);
const antom = await antomSettingsFromEnv(process.env, { dataDir: settings.dataDir });
const orders = await OrderStore.open(
  await openDatabase(settings.databaseUrl ? { databaseUrl: settings.databaseUrl } : { dataDir: settings.dataDir }),
);
const shop = createShop({ orders, antom, publicUrl: settings.publicUrl, adminToken: settings.adminToken });

const server = createServer(shop.app);
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

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AntomClient } from '@antomkit/core';
import { type Sandbox, startSandbox } from '@antomkit/sandbox';
import { antomSettingsFromEnv, describeMode, shopSettingsFromEnv } from '@antomkit/shop-kit';
import { createMarketplaceApp } from './app';

export interface StartMarketplaceOptions {
  env?: NodeJS.ProcessEnv;
  /** Embedded sandbox only: divides Antom's delays (review, earliestSettlementTime, retries). */
  timeScale?: number;
}

export interface RunningMarketplace {
  url: string;
  adminToken: string;
  /** The embedded sandbox, when no ANTOM_* variables are set. */
  sandbox?: Sandbox;
  records: ReturnType<typeof createMarketplaceApp>['records'];
  close(): Promise<void>;
}

/**
 * Starts the marketplace. With ANTOM_CLIENT_ID + keys it talks to ANTOM_GATEWAY / ANTOM_REGION (shop-kit's rules);
 * with none, it starts an embedded sandbox whose dashboard notification URL is this app's endpoint (registration,
 * settlement and dispute notifications go there).
 */
export async function startMarketplace(options: StartMarketplaceOptions = {}): Promise<RunningMarketplace> {
  const env = options.env ?? process.env;
  const shop = shopSettingsFromEnv(env, { port: 3100 });
  const embedded = !env.ANTOM_CLIENT_ID && !env.ANTOM_PRIVATE_KEY && !env.ANTOM_PUBLIC_KEY;
  const timeScale = options.timeScale ?? (env.SANDBOX_TIME_SCALE ? Number(env.SANDBOX_TIME_SCALE) : 60);
  const sandbox = embedded
    ? await startSandbox({
        port: Number(env.SANDBOX_PORT ?? 0),
        keysDir: join(shop.dataDir, 'sandbox-keys'),
        timeScale,
      })
    : undefined;
  const settings = sandbox ? undefined : await antomSettingsFromEnv(env, { dataDir: shop.dataDir });
  const clientOptions = sandbox
    ? sandbox.clientOptions
    : {
        clientId: settings!.clientId,
        privateKey: settings!.privateKey,
        antomPublicKey: settings!.antomPublicKey,
        ...(settings!.gateway ? { gateway: settings!.gateway } : { region: settings!.region! }),
      };
  const antom = new AntomClient(clientOptions);

  let publicUrl = shop.publicUrl;
  const late = { url: '' };
  const { app, records } = createMarketplaceApp({
    antom,
    clientId: clientOptions.clientId,
    antomPublicKey: clientOptions.antomPublicKey,
    get publicUrl() {
      return late.url || publicUrl;
    },
    adminToken: shop.adminToken,
    ...(sandbox ? { reportsOrigin: sandbox.url } : env.ANTOM_GATEWAY ? { reportsOrigin: env.ANTOM_GATEWAY } : {}),
    note: sandbox
      ? `Running against an embedded Antom sandbox at ${sandbox.url} (dashboard there; time runs ${timeScale}x faster).`
      : describeMode(settings!),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(shop.port, shop.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  if (!env.PUBLIC_URL) publicUrl = `http://${shop.host}:${port}`;
  late.url = publicUrl;
  sandbox?.setNotificationUrl(`${publicUrl}/antom/notifications`);
  return {
    url: publicUrl,
    adminToken: shop.adminToken,
    ...(sandbox ? { sandbox } : {}),
    records,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await antom.close();
      await sandbox?.close();
      await settings?.close();
    },
  };
}

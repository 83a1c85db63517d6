import { join } from 'node:path';
import { AntomClient, type KeyInput } from '@antomkit/core';
import { startSandbox } from '@antomkit/sandbox';

export type AntomMode = 'embedded-sandbox' | 'gateway' | 'region';

/** What an AntomClient and a notification receiver need, and where they came from. */
export interface AntomSettings {
  mode: AntomMode;
  clientId: string;
  privateKey: KeyInput;
  antomPublicKey: KeyInput;
  gateway?: string;
  region?: 'sea' | 'na' | 'eu' | 'us';
  /** The embedded sandbox's dashboard, when there is one. */
  sandboxUrl?: string;
  close(): Promise<void>;
}

/**
 * With `ANTOM_CLIENT_ID` + keys set, talk to `ANTOM_GATEWAY` or `ANTOM_REGION`; with none of them, start an
 * embedded sandbox (keys kept under the data folder so restarts keep them) and use its keys.
 */
export async function antomSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  options: { dataDir: string; timeScale?: number },
): Promise<AntomSettings> {
  const { ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY, ANTOM_GATEWAY, ANTOM_REGION } = env;
  if (ANTOM_CLIENT_ID || ANTOM_PRIVATE_KEY || ANTOM_PUBLIC_KEY) {
    const missing = Object.entries({ ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY })
      .filter(([, v]) => !v)
      .map(([k]) => k);
    if (missing.length)
      throw new Error(`Set ${missing.join(' and ')} too, or unset all ANTOM_* variables to use the embedded sandbox.`);
    if (!ANTOM_GATEWAY && !ANTOM_REGION)
      throw new Error('Set ANTOM_GATEWAY (an origin) or ANTOM_REGION (sea, na, eu or us).');
    const region = ANTOM_REGION as AntomSettings['region'];
    return {
      mode: ANTOM_GATEWAY ? 'gateway' : 'region',
      clientId: ANTOM_CLIENT_ID!,
      privateKey: ANTOM_PRIVATE_KEY!,
      antomPublicKey: ANTOM_PUBLIC_KEY!,
      ...(ANTOM_GATEWAY ? { gateway: ANTOM_GATEWAY } : { region: region! }),
      close: async () => {},
    };
  }
  const sandbox = await startSandbox({
    port: Number(env.SANDBOX_PORT ?? 0),
    keysDir: join(options.dataDir, 'sandbox-keys'),
    ...(options.timeScale ? { timeScale: options.timeScale } : {}),
  });
  return {
    mode: 'embedded-sandbox',
    clientId: sandbox.clientId,
    privateKey: sandbox.keys.merchantPrivateKey,
    antomPublicKey: sandbox.keys.antomPublicKey,
    gateway: sandbox.url,
    sandboxUrl: sandbox.url,
    close: () => sandbox.close(),
  };
}

/** What a shop needs to talk to Antom: the settings without the embedded sandbox's `close`. */
export type AntomConnection = Omit<AntomSettings, 'close'>;

/** The shop's AntomClient for these settings (gateway origin or region). */
export function antomClientFrom(settings: AntomConnection): AntomClient {
  return new AntomClient({
    clientId: settings.clientId,
    privateKey: settings.privateKey,
    antomPublicKey: settings.antomPublicKey,
    ...(settings.gateway ? { gateway: settings.gateway } : { region: settings.region! }),
  });
}

export function describeMode(settings: AntomConnection): string {
  if (settings.mode === 'embedded-sandbox')
    return `embedded Antom sandbox at ${settings.sandboxUrl} (no account needed)`;
  if (settings.mode === 'gateway') return `Antom gateway ${settings.gateway} as ${settings.clientId}`;
  return `Antom region ${settings.region} as ${settings.clientId}`;
}

import type { AddressInfo } from 'node:net';
import { AntomConfigError, type KeyInput, loadPrivateKey, loadPublicKey } from '@antomkit/core';
import { snapshot } from './admin';
import { type FaultRule, Faults } from './faults';
import { createSandboxServer } from './http/server';
import { type IssueAgentTokenOptions, IsvRegistry } from './isv';
import { generateKeyPairPem, type KeyPairPem, loadOrCreateKeys } from './keys';
import { Notifier } from './notifier';
import { SandboxRuntime } from './runtime';
import { Scenarios } from './scenarios';
import { clientIdOf, type Merchant, SandboxStore } from './state/store';

export const DEFAULT_CLIENT_ID = 'SANDBOX_ANTOMKIT0001';

export interface SandboxMerchantOptions {
  clientId: string;
  /** One key (keyVersion 1) or several by keyVersion. */
  publicKey?: KeyInput;
  publicKeys?: Record<string, KeyInput>;
  name?: string;
  /** The dashboard notification URL (disputes, authorizations, registration, settlement). */
  notificationUrl?: string;
}

export interface StartSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Keep keys here (mode 0600) so restarts keep them; fresh keys in memory when omitted. */
  keysDir?: string;
  /** Ready-made key pairs (PEM), e.g. to skip RSA generation in many tests. */
  keys?: { antom?: KeyPairPem; merchant?: KeyPairPem };
  /** Divides Antom's notification retry schedule: 10000 turns 2 minutes into 12 ms. */
  timeScale?: number;
  clientId?: string;
  merchantName?: string;
  notificationUrl?: string;
  /** More merchants with their own keys (they sign with their private keys, the sandbox knows the public ones). */
  merchants?: SandboxMerchantOptions[];
  faults?: FaultRule[];
  /** Time to pay when a request sets no expiry; 14 minutes by default. */
  paymentExpiryMs?: number;
  maxBodyBytes?: number;
  notifyTimeoutMs?: number;
  /** Allow notifications to non-loopback hosts. Off by default. */
  allowRemoteNotifications?: boolean;
  /** ISV mode: merchants under the default client id, each with an Agent-Token (more via `sandbox.isv.issue()`). */
  isv?: { merchants?: IssueAgentTokenOptions[] };
  /** Antom seconds from a payment to its earliestSettlementTime (default 3600), divided by timeScale. */
  settlementDelaySeconds?: number;
  /** Unexpected internal errors; printed to stderr by default. */
  onError?: (error: unknown) => void;
}

export interface SandboxKeys {
  /** PKCS#8 PEM: what your app signs requests with. */
  merchantPrivateKey: string;
  merchantPublicKey: string;
  /** SPKI PEM: what your app verifies responses and notifications with. */
  antomPublicKey: string;
}

export interface Sandbox {
  /** Origin of the sandbox, e.g. `http://127.0.0.1:53127`; the gateway, cashier and dashboard live under it. */
  url: string;
  clientId: string;
  keys: SandboxKeys;
  /** Options for `new AntomClient(...)` from `@antomkit/core`. */
  clientOptions: { clientId: string; privateKey: string; antomPublicKey: string; gateway: string };
  /** The environment the sample apps read: ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY, ANTOM_GATEWAY. */
  env: Record<'ANTOM_CLIENT_ID' | 'ANTOM_PRIVATE_KEY' | 'ANTOM_PUBLIC_KEY' | 'ANTOM_GATEWAY', string>;
  state: SandboxStore;
  faults: Faults;
  scenarios: Scenarios;
  notifications: Notifier;
  runtime: SandboxRuntime;
  /** ISV mode: `issue({ merchantId })` -> `{ agentToken, ... }`, `revoke(token)`, `list()`. */
  isv: IsvRegistry;
  /** Registers another merchant (client id + public key), e.g. to test keyVersion rotation. */
  registerMerchant(options: SandboxMerchantOptions): void;
  /** Sets the dashboard notification URL of a merchant (the default one when `clientId` is omitted). */
  setNotificationUrl(url: string | undefined, clientId?: string): void;
  /** Plain-JSON copy of the state (payments, refunds, disputes, notifications, calls). */
  snapshot(): unknown;
  close(): Promise<void>;
}

function toMerchant(options: SandboxMerchantOptions): Merchant {
  const source = options.publicKeys ?? (options.publicKey ? { '1': options.publicKey } : undefined);
  if (!source || Object.keys(source).length === 0) {
    throw new AntomConfigError('SANDBOX_MERCHANT_KEY', `Merchant ${options.clientId} needs a publicKey or publicKeys.`);
  }
  return {
    clientId: options.clientId,
    name: options.name ?? options.clientId,
    publicKeys: new Map(Object.entries(source).map(([v, k]) => [v, loadPublicKey(k)])),
    ...(options.notificationUrl ? { notificationUrl: options.notificationUrl } : {}),
  };
}

/** Starts a local Antom: gateway, cashier, dashboard and notifier on one HTTP server. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new AntomConfigError('SANDBOX_TIME_SCALE', 'timeScale must be a positive number (1 = real time).');
  }
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const stored = options.keys?.antom && options.keys.merchant ? undefined : loadOrCreateKeys(options.keysDir);
  const antom = options.keys?.antom ?? stored?.antom ?? generateKeyPairPem();
  const merchantPair = options.keys?.merchant ?? stored?.merchant ?? generateKeyPairPem();
  const antomPrivateKey = loadPrivateKey(antom.privateKey);

  const store = new SandboxStore();
  const faults = new Faults(options.faults);
  const scenarios = new Scenarios();
  const notifier = new Notifier({
    clientId: clientIdOf,
    antomPrivateKey,
    timeScale,
    faults,
    ...(options.notifyTimeoutMs ? { timeoutMs: options.notifyTimeoutMs } : {}),
    ...(options.allowRemoteNotifications ? { allowRemoteTargets: true } : {}),
  });
  const rt = new SandboxRuntime(store, notifier, faults, scenarios, antomPrivateKey, {
    timeScale,
    paymentExpiryMs: options.paymentExpiryMs ?? 14 * 60 * 1000,
    maxBodyBytes: options.maxBodyBytes ?? 2 * 1024 * 1024,
    onError: options.onError ?? ((error) => console.error('[antom-sandbox]', error)),
    ...(options.settlementDelaySeconds !== undefined ? { settlementDelaySeconds: options.settlementDelaySeconds } : {}),
  });
  const registerMerchant = (m: SandboxMerchantOptions) => {
    store.merchants.set(m.clientId, toMerchant(m));
  };
  registerMerchant({
    clientId,
    publicKey: merchantPair.publicKey,
    name: options.merchantName ?? 'Antomkit Sandbox Shop',
    ...(options.notificationUrl ? { notificationUrl: options.notificationUrl } : {}),
  });
  for (const m of options.merchants ?? []) registerMerchant(m);
  const isv = new IsvRegistry(store, clientId);
  for (const m of options.isv?.merchants ?? []) isv.issue(m);
  rt.isv = isv;
  rt.clientId = clientId;

  const server = createSandboxServer(rt);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  rt.url = `http://${host}:${address.port}`;

  const keys: SandboxKeys = {
    merchantPrivateKey: merchantPair.privateKey,
    merchantPublicKey: merchantPair.publicKey,
    antomPublicKey: antom.publicKey,
  };
  let closing: Promise<void> | undefined;
  return {
    url: rt.url,
    clientId,
    keys,
    clientOptions: {
      clientId,
      privateKey: keys.merchantPrivateKey,
      antomPublicKey: keys.antomPublicKey,
      gateway: rt.url,
    },
    env: {
      ANTOM_CLIENT_ID: clientId,
      ANTOM_PRIVATE_KEY: keys.merchantPrivateKey,
      ANTOM_PUBLIC_KEY: keys.antomPublicKey,
      ANTOM_GATEWAY: rt.url,
    },
    state: store,
    faults,
    scenarios,
    notifications: notifier,
    runtime: rt,
    isv,
    registerMerchant,
    setNotificationUrl(url, id = clientId) {
      const m = store.merchants.get(id);
      if (!m) throw new AntomConfigError('SANDBOX_UNKNOWN_MERCHANT', `No merchant ${id} in the sandbox.`);
      if (url) m.notificationUrl = url;
      else delete m.notificationUrl;
    },
    snapshot: () => snapshot(rt),
    close() {
      closing ??= (async () => {
        rt.close();
        await notifier.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

import type { KeyObject } from 'node:crypto';
import type { AntomClient, DedupeStore } from '@antomkit/core';

/** A PAYMENT_RESULT handler as the suite registers it; adapters pass it through untouched. */
export type SuiteHandler = (notification: any) => Promise<void>;

/** How the request body reaches the adapter. */
export type BodyMode =
  /** Nothing in front: the adapter reads the stream itself. */
  | 'stream'
  /** A raw parser in front (Express `express.raw()`), the body arrives as a Buffer. */
  | 'raw-parser'
  /** A JSON parser in front that keeps the raw bytes (`express.json({ verify })`, Koa `rawBody`, Nest `rawBody: true`). */
  | 'kept-raw-body';

/** Where the notification endpoint lives. */
export type MountMode =
  /** A route on the app: `app.post('/antom/notifications', ...)`. */
  | 'route'
  /** A router or sub-app mounted under `prefix`: `app.use('/hooks', router)` with the route at `path`. */
  | 'prefix';

export interface NotificationSetup {
  /** Receiver options, as `createNotificationReceiver` takes them. */
  receiver: {
    clientId: string;
    antomPublicKey: KeyObject | string;
    dedupe?: DedupeStore;
    publicPath?: string;
    maxBodyBytes?: number;
    /** The suite passes `false`: its handler failures are on purpose. */
    logger?: false;
  };
  /** Register these with the adapter (`handlers: {...}` or `receiver.on(kind, fn)`). */
  handlers: { PAYMENT_RESULT: SuiteHandler };
  body: BodyMode | 'parsed';
  mount: MountMode;
  /** Used when `mount` is `prefix` (e.g. `/hooks`); empty for `route`. */
  prefix: string;
  /** The route inside the app or router, e.g. `/antom/notifications`. Antom calls `prefix + path`. */
  path: string;
}

export interface RunningApp {
  /** Origin on loopback, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** Errors the framework's error handling saw (Express error middleware, Koa `app.on('error')`, Nest filter). */
  errors: unknown[];
  close(): Promise<void>;
}

export interface PaymentSetup {
  /** An `AntomClient` pointed at the local sandbox. */
  client: unknown;
  /** The app's order database for this run: the amount always comes from here. */
  orders: Map<string, { orderId: string; amount: { currency: string; value: string }; description: string }>;
  /** The adapter calls this with every status it learns (return and status routes). */
  onPaymentStatus: (update: { orderId: string; paymentRequestId: string; paymentStatus: string }) => void;
  /** Refunds are allowed only with `Authorization: Bearer <adminToken>`; none -> 401, another -> 403. */
  adminToken: string;
  /** Serve the adapter's notification endpoint here, configured with `receiver` and `handlers`. */
  notifyPath: string;
  receiver: { clientId: string; antomPublicKey: string; logger: false };
  handlers: { PAYMENT_RESULT: SuiteHandler };
}

/** The callbacks the mounted payment routes get; `Req` is the framework's request (Express `req`, Koa `ctx`). */
export interface MountedPaymentCallbacks<Req> {
  agentToken: (req: Req) => string | undefined;
  resolveOrder: (
    orderId: string,
  ) => { orderId: string; amount: { currency: string; value: string }; description: string } | undefined;
  onPaymentStatus: () => void;
  authorizeRefund: (req: Req) => boolean;
}

export interface MountedPaymentsSetup {
  /** An `AntomClient` for the sandbox (through a proxy that records Agent-Tokens). */
  client: AntomClient;
  notifyPath: string;
  /** Pass these to every `antomPaymentRoutes` (and `agentToken` to `antomClient`); `header` reads a request header. */
  callbacks<Req>(header: (req: Req, name: string) => string | undefined): MountedPaymentCallbacks<Req>;
}

export interface RunningMountedPayments extends RunningApp {
  /**
   * Where the app mounted `antomPaymentRoutes({ client, publicUrl: url, notifyPath, ...callbacks })`:
   * `mount` with nothing in front and the app's own `GET <mount>/orders/:orderId` page after it, answering
   * `{ status }` from the status the adapter handed on; `parsed` behind the framework's JSON body parser;
   * `custom` with an `onReturn` that redirects 303 to `/thanks?status=<paymentStatus>`.
   */
  mounts: { mount: string; parsed: string; custom: string };
}

export interface AdapterUnderTest {
  /** Start an app on 127.0.0.1 (port 0) whose notification endpoint is configured as `setup` says. */
  startNotifications(setup: NotificationSetup): Promise<RunningApp>;
  /** The body modes this framework can be run with; the whole suite runs for each. */
  bodyModes: BodyMode[];
  /** The mount modes; the whole suite runs for each. */
  mounts: MountMode[];
  /**
   * A JSON parser in front that keeps no raw bytes must fail loudly: no handler, no ack, and an error with code
   * `BODY_ALREADY_PARSED` whose message mentions each of these strings (the framework's fix).
   */
  parsedBodyFix: string[];
  /**
   * Start an app with the adapter's payment routes, matching the sample shops' table:
   * `POST /api/orders/:orderId/checkout`, `GET /orders/:orderId` (return), `GET /api/orders/:orderId/payment`
   * (status JSON), `POST /api/orders/:orderId/refunds` (refund). Omit until the adapter has them.
   */
  startPayments?(setup: PaymentSetup): Promise<RunningApp>;
  /**
   * Start an app with the payment routes as `RunningMountedPayments` describes, `antomClient({ client, agentToken })`
   * in front, `GET /whoami` answering `{ view: <the request's client is not the shared one> }`, and error handling
   * that records what reaches it and answers 500.
   */
  startMountedPayments?(setup: MountedPaymentsSetup): Promise<RunningMountedPayments>;
}

import type { RunningShop } from './process';

export interface Money {
  currency: string;
  value: string;
}

export interface OrderView {
  orderId: string;
  status: string;
  amount: Money;
  paymentRequestId?: string;
  paymentId?: string;
  refunds: { refundRequestId: string; amount: Money; status: string }[];
}

export async function call(
  shop: RunningShop,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(shop.url + path, {
    method,
    redirect: 'manual',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function createOrder(shop: RunningShop, items: { sku: string; quantity: number }[]) {
  const res = await call(shop, 'POST', '/api/orders', { items });
  if (res.status !== 201) throw new Error(`POST /api/orders answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { orderId: string; amount: Money; status: string };
}

export async function getOrder(shop: RunningShop, orderId: string): Promise<OrderView> {
  const res = await call(shop, 'GET', `/api/orders/${encodeURIComponent(orderId)}`);
  if (res.status !== 200) throw new Error(`GET /api/orders/${orderId} answered ${res.status}`);
  return res.body as OrderView;
}

/** Polls the order until `done(order)`; notifications arrive asynchronously. */
export async function waitForOrder(
  shop: RunningShop,
  orderId: string,
  done: (order: OrderView) => boolean,
  timeoutMs = 15_000,
): Promise<OrderView> {
  const deadline = Date.now() + timeoutMs;
  let order = await getOrder(shop, orderId);
  while (!done(order)) {
    if (Date.now() > deadline) throw new Error(`order ${orderId} stayed ${JSON.stringify(order)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    order = await getOrder(shop, orderId);
  }
  return order;
}

/** Presses a button in the sandbox cashier without a browser (a form post, as the page does). */
export async function cashierAction(redirectUrl: string, action: 'pay' | 'fail' | 'cancel'): Promise<void> {
  const res = await fetch(redirectUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `action=${action}`,
  });
  if (res.status >= 400) throw new Error(`cashier ${action} answered ${res.status}: ${await res.text()}`);
}

export interface SandboxNotification {
  id: string;
  type: string;
  owner: string;
  url: string;
  body: string;
  relatedId?: string;
  state: string;
  attempts: { trigger: string; acked: boolean; status?: number }[];
}

export async function sandboxNotifications(shop: RunningShop): Promise<SandboxNotification[]> {
  const res = await fetch(`${shop.sandboxUrl}/_sandbox/state`);
  return ((await res.json()) as { notifications: SandboxNotification[] }).notifications;
}

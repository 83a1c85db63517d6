import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, redirect, tooLarge } from '../http/body';
import type { SandboxRuntime } from '../runtime';
import type { Payment } from '../state/types';
import { html, page } from './html';
import { formatAmount } from './money';
import { sendHtml } from './respond';

const FORM_LIMIT = 4096;
const CHOICES = {
  pay: ['SUCCESS', 'SUCCESS', 'success'],
  fail: ['FAIL', 'PROCESS_FAIL', 'The buyer’s payment failed in the sandbox cashier.'],
  cancel: ['CANCELLED', 'ORDER_IS_CLOSED', 'The buyer cancelled the payment in the sandbox cashier.'],
} as const;

function statusClass(p: Payment): string {
  return p.status === 'SUCCESS' ? 'ok' : p.status === 'PROCESSING' ? 'warn' : 'bad';
}

function renderCashier(p: Payment): string {
  const open = p.status === 'PROCESSING';
  return page(
    `Pay ${p.merchantName}`,
    html`<section class="cashier">
  <p class="muted">Pay to</p>
  <h1 data-testid="cashier-merchant">${p.merchantName}</h1>
  ${p.orderDescription ? html`<p data-testid="cashier-order">${p.orderDescription}</p>` : ''}
  <div class="amount" data-testid="cashier-amount">${formatAmount(p.paymentAmount)}</div>
  <p class="muted">Payment <code>${p.paymentId}</code> · ${p.paymentMethodType}</p>
  ${
    open
      ? html`<form method="post" class="actions">
    <button class="primary" name="action" value="pay" data-testid="cashier-pay">Pay</button>
    <button name="action" value="fail" data-testid="cashier-fail">Fail</button>
    <button name="action" value="cancel" data-testid="cashier-cancel">Cancel</button>
  </form>`
      : html`<p>Status: <span class="badge ${statusClass(p)}" data-testid="cashier-status">${p.status}</span></p>
  ${p.paymentRedirectUrl ? html`<p><a href="${p.paymentRedirectUrl}">Back to the shop</a></p>` : ''}`
  }
</section>`,
  );
}

function notFound(res: ServerResponse): void {
  sendHtml(res, 404, page('Not found', html`<section><h1>No such payment</h1></section>`));
}

/** `GET|POST /cashier/:paymentId`: the hosted page at `normalUrl`. */
export async function handleCashier(
  req: IncomingMessage,
  res: ServerResponse,
  paymentId: string,
  rt: SandboxRuntime,
): Promise<void> {
  const payment = rt.store.payments.get(paymentId);
  if (!payment) return notFound(res);
  rt.expireIfDue(payment);
  if (req.method === 'GET' || req.method === 'HEAD') return sendHtml(res, 200, renderCashier(payment));
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'GET, POST' });
    res.end();
    return;
  }
  let form: URLSearchParams;
  try {
    form = new URLSearchParams((await readBody(req, FORM_LIMIT)).toString('utf8'));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge(res, error.limit);
    throw error;
  }
  const action = form.get('action') as keyof typeof CHOICES | null;
  const choice = action && Object.hasOwn(CHOICES, action) ? CHOICES[action] : undefined;
  if (!choice) {
    sendHtml(res, 400, page('Bad request', html`<section><h1>Choose Pay, Fail or Cancel.</h1></section>`));
    return;
  }
  rt.finishPayment(payment, choice[0], choice[1], choice[2]);
  if (payment.paymentRedirectUrl) return redirect(res, payment.paymentRedirectUrl);
  sendHtml(res, 200, renderCashier(payment));
}

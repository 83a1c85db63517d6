import type { ReconcileResult } from '@antomkit/core/reports';
import { html, layout, money } from './html';
import type { Order, Seller } from './records';
import { ITEM } from './service';

export function homePage(sellers: Seller[], note: string): string {
  return layout(
    'Sellers and their mugs',
    html`<p class="note">${note}</p>
<h2>Sell with us</h2>
<form method="post" action="/sellers" data-testid="onboard-form">
  <label>Seller id <input name="sellerId" data-testid="onboard-id" required pattern="[a-z0-9][a-z0-9-]{1,30}"></label>
  <label>Shop name <input name="name" data-testid="onboard-name" required></label>
  <label>Login email <input name="loginId" data-testid="onboard-login" required></label>
  <label>Legal name <input name="legalName" data-testid="onboard-legal-name"></label>
  <button data-testid="onboard-submit">Register</button>
</form>
<h2>Shop</h2>
<table><tr><th>Seller</th><th>Status</th><th>Item</th><th></th></tr>
${sellers.map(
  (s) => html`<tr data-seller="${s.sellerId}"><td><a href="/sellers/${s.sellerId}">${s.name}</a></td>
<td data-testid="seller-${s.sellerId}-status">${s.status}</td><td>${ITEM.name}, ${money(ITEM.price)}</td>
<td>${
    s.status === 'SUCCESSFUL'
      ? html`<form method="post" action="/sellers/${s.sellerId}/orders"><button data-testid="buy-${s.sellerId}">Buy</button></form>`
      : ''
  }</td></tr>`,
)}</table>`,
  );
}

export function sellerPage(
  seller: Seller,
  balance: { available: { currency: string; value: string }; frozen?: { currency: string; value: string } } | undefined,
): string {
  return layout(
    seller.name,
    html`<p>Registration: <strong data-testid="seller-status">${seller.status}</strong>
${seller.reasonCode ? html` - <span class="bad" data-testid="seller-reason">${seller.reasonCode}: ${seller.reasonMessage}</span>` : ''}</p>
${seller.status === 'PROCESSING' ? html`<p class="note">Antom is reviewing the registration; this page updates when REGISTRATION_RESULT arrives. <a href="/sellers/${seller.sellerId}" data-testid="reload">Reload</a></p>` : ''}
${balance ? html`<p>Balance: <span data-testid="seller-balance">${money(balance.available)}</span> available${balance.frozen ? html`, ${money(balance.frozen)} waiting for settlement` : ''}</p>` : ''}
${seller.status === 'SUCCESSFUL' ? html`<form method="post" action="/sellers/${seller.sellerId}/orders"><button data-testid="buy">Buy a ${ITEM.name} (${money(ITEM.price)})</button></form>` : ''}`,
  );
}

const operatorToken = html`<label>Operator token <input type="password" name="adminToken" data-testid="admin-token" required></label>`;

export function orderPage(order: Order, seller: Seller, message?: string): string {
  const s = order.settlement;
  const settled = s?.details.every((d) => d.arrived);
  return layout(
    `Order ${order.orderId}`,
    html`${message ? html`<p class="bad" data-testid="message">${message}</p>` : ''}
<p>${order.item} from <a href="/sellers/${seller.sellerId}">${seller.name}</a>: ${money(order.amount)}</p>
<p>Status: <strong data-testid="order-status">${order.status}</strong></p>
${order.earliestSettlementTime ? html`<p>Settle from: <span data-testid="earliest-settlement">${order.earliestSettlementTime}</span></p>` : ''}
<h2>Settlement</h2>
<p data-testid="settlement-status">${s ? (settled ? 'SETTLED' : 'SETTLING') : 'NOT_SETTLED'}</p>
${s ? html`<ul>${s.details.map((d) => html`<li data-testid="settlement-${d.settleTo}">${d.settleTo}: ${money(d.amount)} ${d.arrived ? 'arrived' : 'pending'}</li>`)}</ul>` : ''}
<h2>Refunds</h2>
<ul data-testid="refunds">${order.refunds.map((r) => html`<li>${money(r.amount)}: ${r.status}</li>`)}</ul>
<h2>Dispute</h2>
<p data-testid="dispute-status">${order.dispute ? order.dispute.status : 'NONE'}${order.dispute?.judgedResult ? ` (${order.dispute.judgedResult})` : ''}</p>
<h2>Back office</h2>
<form method="post" action="/orders/${order.orderId}/settle">${operatorToken}<button data-testid="settle">Settle 90/10</button></form>
<form method="post" action="/orders/${order.orderId}/refunds">${operatorToken}
  <label>Amount (minor units) <input name="amount" data-testid="refund-amount" value="500"></label><button data-testid="refund">Refund</button></form>
${
  order.dispute?.status === 'DISPUTE_CREATED'
    ? html`<form method="post" action="/orders/${order.orderId}/dispute">${operatorToken}
  <button name="answer" value="accept" data-testid="dispute-accept">Accept</button>
  <button name="answer" value="defend" data-testid="dispute-defend">Defend</button></form>`
    : ''
}`,
  );
}

export function reconciliationPage(files: string[], result: ReconcileResult): string {
  const s = result.summary;
  const net = (m: Record<string, string>) =>
    Object.entries(m)
      .map(([c, v]) => money({ currency: c, value: v }))
      .join(', ') || '-';
  return layout(
    'Reconciliation',
    html`<p>Reports: ${files.join(', ') || 'none yet'}</p>
<p>Result: <strong data-testid="reconcile-ok">${s.ok ? 'OK' : 'ISSUES'}</strong></p>
<table data-testid="reconcile-summary">
<tr><td>Report rows</td><td data-testid="report-rows">${s.reportRows}</td></tr>
<tr><td>Our records</td><td>${s.merchantRecords}</td></tr>
<tr><td>Matched payments</td><td data-testid="matched-payments">${s.matchedPayments}</td></tr>
<tr><td>Matched refunds</td><td data-testid="matched-refunds">${s.matchedRefunds}</td></tr>
<tr><td>Disputes and reversals</td><td data-testid="disputes">${s.disputes}</td></tr>
<tr><td>Missing in report / in our books</td><td>${s.missingInReport} / ${s.missingInMerchant}</td></tr>
<tr><td>Amount mismatches</td><td>${s.amountMismatches}</td></tr>
<tr><td>Net per Antom</td><td>${net(s.reportNetByCurrency)}</td></tr>
<tr><td>Net per our books</td><td>${net(s.merchantNetByCurrency)}</td></tr></table>
<ul data-testid="reconcile-issues">${result.issues.map((i) => html`<li>${i.type}: ${i.message}</li>`)}</ul>
<ul data-testid="reconcile-adjustments">${result.adjustments.map((a) => html`<li>${a.transactionType} ${money(a.amount)} on ${a.paymentRequestId ?? a.originalTransactionId ?? '?'}</li>`)}</ul>`,
  );
}

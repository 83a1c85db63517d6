import type { NotificationRecord } from '../notifier';
import type { SandboxRuntime } from '../runtime';
import type { Payment } from '../state/types';
import { type Html, html, page } from './html';
import { formatAmount } from './money';

function badge(status: string): Html {
  const tone = /SUCCESS|ACKED|SUCCESSFUL|^S$/i.test(status)
    ? 'ok'
    : /PROCESSING|PENDING|OPEN|^U$/i.test(status)
      ? 'warn'
      : 'bad';
  return html`<span class="badge ${tone}">${status}</span>`;
}

function action(path: string, label: string, testid: string): Html {
  return html`<form class="inline" method="post" action="${path}"><button data-testid="${testid}">${label}</button></form>`;
}

function minor(p: Payment, value: bigint): string {
  return formatAmount({ currency: p.paymentAmount.currency, value: String(value) });
}

function payments(rt: SandboxRuntime): Html {
  const rows = [...rt.store.payments.values()].reverse();
  if (rows.length === 0) return html`<p class="empty">No payments yet.</p>`;
  return html`<table data-testid="payments"><thead><tr><th>Payment</th><th>Request id</th><th>Amount</th><th>Status</th>
<th>Captured / refunded</th><th>Created</th><th></th></tr></thead><tbody>${rows.map((p) => {
    const id = encodeURIComponent(p.paymentId);
    const paid = p.status === 'SUCCESS';
    return html`<tr data-payment-id="${p.paymentId}"><td><code>${p.paymentId}</code><br><span class="muted">${p.productCode} · ${p.paymentMethodType}${p.captureMode === 'MANUAL' ? ' · manual capture' : ''}</span></td>
<td><code>${p.paymentRequestId}</code></td><td>${formatAmount(p.paymentAmount)}</td>
<td>${badge(p.status)}<br><span class="muted">${p.resultCode}</span></td>
<td>${minor(p, p.captured)} / ${minor(p, p.refunded)}</td><td>${p.createdAt}</td>
<td>${p.status === 'PROCESSING' ? html`<a href="/cashier/${id}">cashier</a> ` : ''}${paid ? action(`/_sandbox/payments/${id}/dispute`, 'Open dispute', 'open-dispute') : ''}
${paid && p.captured - p.refunded - p.settled > 0n ? action(`/_sandbox/payments/${id}/settle`, 'Settle', 'settle') : ''}</td></tr>`;
  })}</tbody></table>`;
}

function refunds(rt: SandboxRuntime): Html {
  const rows = [...rt.store.refunds.values()].reverse();
  if (rows.length === 0) return html`<p class="empty">No refunds yet.</p>`;
  return html`<table data-testid="refunds"><thead><tr><th>Refund</th><th>Request id</th><th>Payment</th><th>Amount</th><th>Status</th><th>Time</th></tr></thead><tbody>${rows.map(
    (r) =>
      html`<tr><td><code>${r.refundId}</code></td><td><code>${r.refundRequestId}</code></td><td><code>${r.paymentId}</code></td>
<td>${formatAmount(r.refundAmount)}</td><td>${badge(r.status)}</td><td>${r.refundTime}</td></tr>`,
  )}</tbody></table>`;
}

function disputes(rt: SandboxRuntime): Html {
  const rows = [...rt.store.disputes.values()].reverse();
  if (rows.length === 0) return html`<p class="empty">No disputes. Open one from a paid payment above.</p>`;
  return html`<table data-testid="disputes"><thead><tr><th>Dispute</th><th>Payment</th><th>Amount</th><th>Reason</th><th>Status</th><th>Defense due</th></tr></thead><tbody>${rows.map(
    (d) =>
      html`<tr><td><code>${d.disputeId}</code></td><td><code>${d.paymentId}</code></td><td>${formatAmount(d.disputeAmount)}</td>
<td>${d.disputeReasonCode}</td><td>${badge(d.status)}</td><td>${d.defenseDueTime}</td></tr>`,
  )}</tbody></table>`;
}

function attempts(n: NotificationRecord): Html {
  if (n.attempts.length === 0)
    return html`<span class="muted">${n.nextAttemptAt ? `next try ${n.nextAttemptAt}` : 'waiting'}</span>`;
  return html`<ol>${n.attempts.map(
    (a) =>
      html`<li>${a.at} · ${a.trigger} · ${a.status ?? 'no reply'} · ${a.durationMs} ms · ${a.acked ? html`<b class="ok">acked</b>` : html`<b class="bad">not acked</b>`}
${a.error ? html`<br><span class="bad">${a.error}</span>` : ''}${a.reply ? html`<br><code>${a.reply}</code>` : ''}</li>`,
  )}</ol>${n.nextAttemptAt ? html`<span class="muted">next try ${n.nextAttemptAt}</span>` : ''}`;
}

function notifications(rt: SandboxRuntime): Html {
  const rows = [...rt.notifier.list()].reverse();
  if (rows.length === 0) return html`<p class="empty">No notifications sent yet.</p>`;
  return html`<table data-testid="notifications"><thead><tr><th>Notification</th><th>To</th><th>State</th><th>Attempts</th><th></th></tr></thead><tbody>${rows.map(
    (n) =>
      html`<tr data-notification-id="${n.id}"><td><b>${n.type}</b><br><span class="muted">${n.id} · ${n.createdAt}</span></td>
<td><code>${n.url}</code></td><td>${badge(n.state.toUpperCase())}</td><td>${attempts(n)}</td>
<td>${n.state === 'refused' ? '' : action(`/_sandbox/notifications/${encodeURIComponent(n.id)}/resend`, 'Resend', 'resend')}</td></tr>`,
  )}</tbody></table>`;
}

function calls(rt: SandboxRuntime): Html {
  const rows = rt.calls.slice(-50).reverse();
  if (rows.length === 0) return html`<p class="empty">No API calls yet.</p>`;
  return html`<table data-testid="calls"><thead><tr><th>Time</th><th>Path</th><th>Client</th><th>Result</th><th>Duration</th></tr></thead><tbody>${rows.map(
    (c) =>
      html`<tr><td>${c.at}</td><td><code>${c.path}</code></td><td><code>${c.clientId}</code></td>
<td>${badge(c.resultStatus)} ${c.resultCode}</td><td>${c.durationMs} ms</td></tr>`,
  )}</tbody></table>`;
}

function switches(rt: SandboxRuntime): Html {
  const faults = rt.faults.list();
  const scenarios = rt.scenarios.list();
  if (faults.length === 0 && scenarios.length === 0) return html`<p class="empty">No faults or scenarios armed.</p>`;
  return html`<ul>${faults.map((f) => html`<li>fault <code>${JSON.stringify(f)}</code></li>`)}${scenarios.map(
    (s) => html`<li>scenario <code>${JSON.stringify(s)}</code></li>`,
  )}</ul>`;
}

export function renderDashboard(rt: SandboxRuntime): string {
  const merchants = [...rt.store.merchants.values()];
  return page(
    'Antom sandbox dashboard',
    html`<h1>Dashboard</h1>
<section><h2>Merchants</h2><p>${merchants.map(
      (m) =>
        html`<code>${m.clientId}</code> (${m.name})${m.notificationUrl ? html` → <code>${m.notificationUrl}</code>` : ''} `,
    )}</p><p class="muted">Gateway: <code>${rt.url}/ams/api</code> and <code>${rt.url}/ams/sandbox/api</code></p></section>
<section><h2>Payments</h2>${payments(rt)}</section>
<section><h2>Refunds</h2>${refunds(rt)}</section>
<section><h2>Disputes</h2>${disputes(rt)}</section>
<section><h2>Notifications</h2>${notifications(rt)}</section>
<section><h2>Recent API calls</h2>${calls(rt)}</section>
<section><h2>Faults and scenarios</h2>${switches(rt)}</section>`,
  );
}

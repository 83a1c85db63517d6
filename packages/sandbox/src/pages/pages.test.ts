import { describe, expect, it } from 'vitest';
import { Faults } from '../faults';
import { escapeHtml, html } from './html';
import { formatAmount, minorDigits } from './money';

describe('amounts and escaping', () => {
  it('formats minor units per currency, exactly', () => {
    expect(formatAmount({ currency: 'USD', value: '1999' })).toBe('USD 19.99');
    expect(formatAmount({ currency: 'USD', value: '5' })).toBe('USD 0.05');
    expect(formatAmount({ currency: 'JPY', value: '1500' })).toBe('JPY 1,500');
    expect(formatAmount({ currency: 'KRW', value: '25000' })).toBe('KRW 25,000');
    expect(formatAmount({ currency: 'KWD', value: '1234' })).toBe('KWD 1.234');
    expect(formatAmount({ currency: 'USD', value: '123456789012345678' })).toBe('USD 1,234,567,890,123,456.78');
    expect(minorDigits('XYZ')).toBe(2);
  });

  it('escapes every interpolation', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const evil = '"><script>alert(1)</script>';
    expect(html`<p title="${evil}">${evil}</p>`.text).not.toContain('<script>');
    expect(html`<div>${html`<b>${'<i>'}</b>`}</div>`.text).toBe('<div><b>&lt;i&gt;</b></div>');
  });
});

describe('fault rules', () => {
  it('fires by rate, counts times, and narrows by path', () => {
    let roll = 0;
    const faults = new Faults([], () => roll);
    faults.add({ kind: 'http-error', rate: 0.5, path: '/ams/api/v1/payments/pay' });
    expect(faults.take(['http-error'], { path: '/v1/payments/refund' })).toBeUndefined();
    roll = 0.7;
    expect(faults.take(['http-error'], { path: '/v1/payments/pay' })).toBeUndefined();
    roll = 0.2;
    expect(faults.take(['http-error'], { path: '/v1/payments/pay' })).toMatchObject({ kind: 'http-error', hits: 1 });
    faults.next({ kind: 'reset', times: 2 });
    expect(faults.take(['reset'], {})).toBeDefined();
    expect(faults.take(['reset'], {})).toBeDefined();
    expect(faults.take(['reset'], {})).toBeUndefined();
    expect(() => faults.add({ kind: 'latency', ms: -1 })).toThrow(/ms/);
    expect(() => faults.add({ kind: 'nope' as never })).toThrow(/kind/);
  });
});

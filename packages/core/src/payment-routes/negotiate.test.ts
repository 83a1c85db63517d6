import { describe, expect, it } from 'vitest';
import { wantsRedirect } from './negotiate';

// What Express's and Koa's `accepts(['json', 'html']) === 'html'` answer (accepts 1.3.8 and 2.0.0 agree).
const ACCEPT: [string | undefined, boolean][] = [
  [undefined, false],
  ['', false],
  ['*/*', false],
  ['application/json', false],
  ['text/html', true],
  ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', true],
  ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
  ['application/json, text/plain, */*', false],
  ['application/json, text/html', false],
  ['text/html, application/json', true],
  ['text/html;q=0.9, application/json', false],
  ['text/*', true],
  ['application/*', false],
  ['text/*, application/json', false],
  ['text/html;q=0.1, */*', false],
  ['*/*;q=0.5, text/html;q=0.5', true],
  ['text/html;level=1', false],
  ['text/html;level=1, application/json;q=0.1', false],
  ['text/html;q=0', false],
  ['application/json;q=0, text/html;q=0.1', true],
  ['TEXT/HTML', true],
  ['image/png', false],
  ['text/html;charset=*', true],
  ['application/json;q=0.5, text/*;q=0.5', false],
  ['*/*, text/html;q=0.5', false],
];

describe('wantsRedirect', () => {
  it.each(ACCEPT)('Accept %j -> redirect %s, as Express and Koa negotiate it', (accept, html) => {
    expect(wantsRedirect(accept === undefined ? {} : { accept })).toBe(html);
  });

  it('redirects a form post that has a body, whatever it accepts', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '8', accept: '*/*' };
    expect(wantsRedirect(form)).toBe(true);
    expect(wantsRedirect({ 'content-type': 'Multipart/Form-Data; boundary=x', 'transfer-encoding': 'chunked' })).toBe(
      true,
    );
    expect(
      wantsRedirect(new Headers({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' })),
    ).toBe(true);
  });

  it('answers JSON to a JSON post, and to a form type with no body at all', () => {
    expect(wantsRedirect({ 'content-type': 'application/json', 'content-length': '2' })).toBe(false);
    expect(wantsRedirect({ 'content-type': 'application/x-www-form-urlencoded' })).toBe(false);
  });
});

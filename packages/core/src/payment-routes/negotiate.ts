import { type HeadersInput, readHeader } from '../notifications/headers';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

function header(headers: HeadersInput, name: string): string | undefined {
  const read = readHeader(headers, name);
  return read.ok ? read.value : undefined;
}

interface Rank {
  q: number;
  specificity: number;
  order: number;
}

/** How `Accept` ranks one media type, by the rules of the `negotiator` package Express and Koa use. */
function rank(accept: string, type: string, subtype: string): Rank | undefined {
  let best: Rank | undefined;
  accept.split(',').forEach((entry, order) => {
    const [range = '', ...params] = entry.split(';');
    const [t, s] = range.trim().toLowerCase().split('/');
    if (s === undefined || (t !== type && t !== '*') || (s !== subtype && s !== '*')) return;
    let q = 1;
    let specificity = (t === type ? 4 : 0) | (s === subtype ? 2 : 0);
    for (const param of params) {
      const [name = '', value = ''] = param.split('=').map((part) => part.trim());
      if (name.toLowerCase() === 'q') q = Number.parseFloat(value);
      else if (value === '*') specificity |= 1;
      else return; // a parameter the offered type does not have
    }
    if (!best || (best.specificity - specificity || best.q - q || best.order - order) < 0) {
      best = { q, specificity, order };
    }
  });
  return best && best.q > 0 ? best : undefined;
}

/** `req.accepts(['json', 'html']) === 'html'`: no `Accept` header means JSON, a tie too. */
function prefersHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const html = rank(accept, 'text', 'html');
  const json = rank(accept, 'application', 'json');
  if (!html || !json) return html !== undefined;
  return (html.q - json.q || html.specificity - json.specificity || json.order - html.order) > 0;
}

/** A browser form post (or a page asking for HTML) gets a 303 redirect; fetch gets JSON. */
export function wantsRedirect(headers: HeadersInput): boolean {
  const contentType = header(headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  const hasBody = header(headers, 'transfer-encoding') !== undefined || header(headers, 'content-length') !== undefined;
  if (hasBody && contentType !== undefined && FORM_TYPES.has(contentType)) return true;
  return prefersHtml(header(headers, 'accept'));
}

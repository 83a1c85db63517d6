import { AntomConfigError } from '../errors';
import type { PaymentRouteName, PaymentRoutesOptions } from './types';

export const DEFAULT_PAYMENT_PATHS = {
  checkout: '/api/orders/:orderId/checkout',
  return: '/orders/:orderId',
  status: '/api/orders/:orderId/payment',
  refund: '/api/orders/:orderId/refunds',
} as const;

export function checkOptions(options: PaymentRoutesOptions<unknown>): void {
  for (const name of ['resolveOrder', 'onPaymentStatus', 'authorizeRefund'] as const) {
    if (typeof options[name] !== 'function') {
      throw new AntomConfigError('OPTION_MISSING', `antomPaymentRoutes() needs a \`${name}\` function.`);
    }
  }
  if (!options.client)
    throw new AntomConfigError('OPTION_MISSING', 'antomPaymentRoutes() needs `client` (an AntomClient).');
  if (typeof options.publicUrl !== 'string' || !/^https?:\/\/[^/]+$/.test(options.publicUrl.replace(/\/$/, ''))) {
    throw new AntomConfigError(
      'OPTION_INVALID',
      '`publicUrl` must be the shop origin, e.g. "https://shop.example.com".',
    );
  }
  if (typeof options.notifyPath !== 'string' || !options.notifyPath.startsWith('/')) {
    throw new AntomConfigError('OPTION_INVALID', '`notifyPath` must be an absolute path, e.g. "/antom/notifications".');
  }
}

export function absoluteUrl(options: PaymentRoutesOptions<unknown>, path: string): string {
  return options.publicUrl.replace(/\/$/, '') + path;
}

/** The called path up to where the route's template starts: mount paths and router prefixes included. */
export function basePath(calledPath: string, template: string): string {
  const segments = template.split('/').filter(Boolean).length;
  const called = (calledPath.split('?')[0] ?? '').replace(/\/+$/, '').split('/');
  return called.slice(0, Math.max(called.length - segments, 1)).join('/');
}

/** The return URL for an order, under the same base as the route that was called. */
export function returnUrl(
  options: PaymentRoutesOptions<unknown>,
  route: PaymentRouteName,
  calledPath: string,
  orderId: string,
): string {
  const template = options.paths?.return || DEFAULT_PAYMENT_PATHS.return;
  const base = basePath(calledPath, options.paths?.[route] || DEFAULT_PAYMENT_PATHS[route]);
  return absoluteUrl(options, base + template.replace(':orderId', encodeURIComponent(orderId)));
}

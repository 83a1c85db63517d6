import { ShopInputError } from './catalogue';
import { OrderStateError } from './orders';

export interface ShopErrorReply {
  status: number;
  body: { error: { code: string; message: string } };
}

/**
 * How a shop answers an error from its own routes: bad input (`ShopInputError`, a body parser's 4xx) -> 400/4xx,
 * an order in the wrong state -> 409, anything else -> 500 without its message (log it yourself).
 */
export function shopErrorReply(error: unknown): ShopErrorReply {
  const declared = (error as { status?: unknown } | null)?.status;
  const status =
    error instanceof ShopInputError
      ? 400
      : error instanceof OrderStateError
        ? 409
        : typeof declared === 'number' && declared >= 400 && declared < 500
          ? declared
          : 500;
  if (status === 500) return { status, body: { error: { code: 'INTERNAL', message: 'Something went wrong.' } } };
  const { name, message } = error as Error;
  return { status, body: { error: { code: name || 'ERROR', message } } };
}

export interface Money {
  currency: string;
  /** Minor units as a string integer, as Antom sends amounts: "1999" is USD 19.99. */
  value: string;
}

export interface Product {
  sku: string;
  name: string;
  price: Money;
}

export const catalogue: readonly Product[] = [
  { sku: 'tea-oolong', name: 'Oolong tea, 100 g', price: { currency: 'USD', value: '1200' } },
  { sku: 'tea-jasmine', name: 'Jasmine pearls, 50 g', price: { currency: 'USD', value: '1850' } },
  { sku: 'cup-celadon', name: 'Celadon cup', price: { currency: 'USD', value: '2400' } },
  { sku: 'pot-yixing', name: 'Yixing clay teapot', price: { currency: 'USD', value: '8900' } },
];

export interface CartItem {
  sku: string;
  quantity: number;
}

export class ShopInputError extends Error {
  override name = 'ShopInputError';
}

/** Prices a cart from the server's catalogue; the browser only says what and how many. */
export function priceCart(items: unknown): { amount: Money; items: CartItem[] } {
  if (!Array.isArray(items) || items.length === 0 || items.length > 50) {
    throw new ShopInputError('items must be a non-empty array of { sku, quantity }');
  }
  let total = 0n;
  let currency: string | undefined;
  const lines: CartItem[] = [];
  for (const item of items) {
    const sku = (item as CartItem)?.sku;
    const quantity = (item as CartItem)?.quantity;
    const product = catalogue.find((p) => p.sku === sku);
    if (!product) throw new ShopInputError(`unknown sku ${JSON.stringify(String(sku)).slice(0, 60)}`);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99) {
      throw new ShopInputError(`quantity for ${product.sku} must be an integer from 1 to 99`);
    }
    if (currency && currency !== product.price.currency) throw new ShopInputError('one currency per order');
    currency = product.price.currency;
    total += BigInt(product.price.value) * BigInt(quantity);
    lines.push({ sku: product.sku, quantity });
  }
  return { amount: { currency: currency!, value: total.toString() }, items: lines };
}

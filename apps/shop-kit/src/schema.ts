export const schema = `
CREATE TABLE IF NOT EXISTS orders (
  order_id text PRIMARY KEY,
  status text NOT NULL,
  currency text NOT NULL,
  amount_value bigint NOT NULL,
  refunded_value bigint NOT NULL DEFAULT 0,
  items jsonb NOT NULL,
  current_payment_request_id text,
  payment_id text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS payment_attempts (
  payment_request_id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders(order_id),
  status text NOT NULL,
  payment_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS refunds (
  refund_request_id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders(order_id),
  currency text NOT NULL,
  amount_value bigint NOT NULL,
  status text NOT NULL,
  refund_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS processed_notifications (
  notification_key text PRIMARY KEY,
  processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS order_events (
  id bigserial PRIMARY KEY,
  order_id text NOT NULL,
  event text NOT NULL,
  detail text,
  at timestamptz NOT NULL DEFAULT now()
);
`;

/**
 * 001: the shop's orders, their goods lines, and settings.
 * The code lists in the CHECK constraints are frozen here on purpose (a migration never changes after it ships);
 * test/integration/store/migration-001.test.ts checks they still equal shared/order.ts and shared/np/status.ts,
 * so adding a code means adding a migration.
 */
import type { Migration } from '../migration';

const ORDER_STATUSES = ['processing', 'new', 'awaiting_payment', 'paid', 'cancelled', 'backordered', 'shipped'];
const PAYMENT_METHODS = ['amazon_pay', 'np_atobarai', 'credit_card', 'cod'];
const GENDERS = ['male', 'female', 'unknown'];
const INVOICE_TYPES = ['separate', 'bundled'];
const NP_STATUSES = [
  'registering',
  'updating',
  'reviewing',
  'ok',
  'ng',
  'hold',
  'shipping',
  'shipped',
  'cancelling',
  'cancelled',
  'register_failed',
  'update_failed',
  'shipment_failed',
  'cancel_failed',
  'paid_cancel_refused',
];

/** The lists above, exported for the drift test. */
export const FROZEN_CODES_001 = { ORDER_STATUSES, PAYMENT_METHODS, GENDERS, INVOICE_TYPES, NP_STATUSES } as const;

const oneOf = (column: string, codes: readonly string[]) => `${column} IN (${codes.map((c) => `'${c}'`).join(', ')})`;
const ISO_DATE_GLOB = `'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;
const SHIP_TO = ['ship_name', 'ship_kana', 'ship_company', 'ship_department', 'ship_zip', 'ship_address', 'ship_tel'];

const SQL = `
CREATE TABLE orders (
  id                  INTEGER PRIMARY KEY,
  order_no            TEXT    NOT NULL UNIQUE CHECK (length(order_no) BETWEEN 1 AND 64),
  order_no_num        INTEGER NULL,            -- numeric shadow of order_no (all digits), for range filters
  ordered_at          INTEGER NOT NULL,        -- epoch ms
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  shipped_at          INTEGER NULL,
  paid_at             INTEGER NULL,
  status              TEXT    NOT NULL CHECK (${oneOf('status', ORDER_STATUSES)}),
  payment_method      TEXT    NOT NULL CHECK (${oneOf('payment_method', PAYMENT_METHODS)}),
  invoice_type        TEXT    NOT NULL CHECK (${oneOf('invoice_type', INVOICE_TYPES)}),
  total               INTEGER NOT NULL,        -- Σ lines + shipping_fee + fee − discount
  shipping_fee        INTEGER NOT NULL CHECK (shipping_fee >= 0),
  fee                 INTEGER NOT NULL CHECK (fee >= 0),
  discount            INTEGER NOT NULL CHECK (discount >= 0),
  customer_name       TEXT    NOT NULL,
  customer_kana       TEXT    NOT NULL,
  customer_company    TEXT    NOT NULL,
  customer_department TEXT    NOT NULL,
  customer_zip        TEXT    NOT NULL,
  customer_address    TEXT    NOT NULL,
  customer_tel        TEXT    NOT NULL,
  customer_email      TEXT    NOT NULL,
  customer_birth_date TEXT    NULL CHECK (customer_birth_date IS NULL OR customer_birth_date GLOB ${ISO_DATE_GLOB}),
  customer_gender     TEXT    NOT NULL CHECK (${oneOf('customer_gender', GENDERS)}),
  ship_name           TEXT    NULL,            -- ship_* all NULL = ship to the buyer
  ship_kana           TEXT    NULL,
  ship_company        TEXT    NULL,
  ship_department     TEXT    NULL,
  ship_zip            TEXT    NULL,
  ship_address        TEXT    NULL,
  ship_tel            TEXT    NULL,
  carrier_code        TEXT    NULL,
  slip_no             TEXT    NOT NULL DEFAULT '',
  note                TEXT    NOT NULL DEFAULT '',
  shop_memo           TEXT    NOT NULL DEFAULT '',
  np_status           TEXT    NULL CHECK (np_status IS NULL OR ${oneOf('np_status', NP_STATUSES)}), -- owned by the NP layer
  np_dirty            INTEGER NOT NULL DEFAULT 0 CHECK (np_dirty IN (0, 1)),                        -- NP未反映の変更あり
  -- search keys, written with the row (shared/search-fold.ts)
  key_name            TEXT    NOT NULL,
  key_kana            TEXT    NOT NULL,
  key_email           TEXT    NOT NULL,
  key_tel             TEXT    NOT NULL,
  key_goods           TEXT    NOT NULL,
  buyer_key           TEXT    NOT NULL,        -- same buyer (購入履歴): email, else TEL
  has_note            INTEGER NOT NULL CHECK (has_note IN (0, 1)),
  CHECK (${SHIP_TO.slice(1).map((c) => `(ship_name IS NULL) = (${c} IS NULL)`).join(' AND ')})
);

CREATE TABLE order_lines (
  order_id   INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  line_no    INTEGER NOT NULL CHECK (line_no >= 1),
  name       TEXT    NOT NULL,
  unit_price INTEGER NOT NULL,
  quantity   INTEGER NOT NULL CHECK (quantity >= 1),
  PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
);

CREATE INDEX orders_ordered_at      ON orders (ordered_at);
CREATE INDEX orders_updated_at      ON orders (updated_at);
CREATE INDEX orders_shipped_at      ON orders (shipped_at) WHERE shipped_at IS NOT NULL;
CREATE INDEX orders_order_no_num    ON orders (order_no_num);
CREATE INDEX orders_total           ON orders (total);
CREATE INDEX orders_np_status       ON orders (np_status, ordered_at);
CREATE INDEX orders_status          ON orders (status, ordered_at);
CREATE INDEX orders_payment_method  ON orders (payment_method, ordered_at);
CREATE INDEX orders_birth_date      ON orders (customer_birth_date) WHERE customer_birth_date IS NOT NULL;
CREATE INDEX orders_buyer_key       ON orders (buyer_key);
CREATE INDEX orders_key_kana        ON orders (key_kana);
CREATE INDEX orders_np_dirty        ON orders (id) WHERE np_dirty = 1;
`;

export const migration001: Migration = {
  version: 1,
  name: 'orders',
  up: (db) => {
    db.exec(SQL);
  },
};

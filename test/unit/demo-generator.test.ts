import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_NOW, DEMO_SPAN_DAYS, NP_ADDRESS_MAX, NP_NAME_MAX, generateOrders, zipTable } from '../../electron/core/demo';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES } from '../../electron/core/demo/names';
import { GENDERS, INVOICE_TYPES, ORDER_STATUSES, PAYMENT_METHODS, type OrderInput, type Person } from '../../shared/order';
import { parseOrderInput } from '../../shared/order-schema';
import { DAY_MS } from '../../shared/jst-date';

const orders = generateOrders({ seed: 42, count: 3000 });

/** NP's TEL rule: 020/050/060/070/080/090 numbers have 11 digits, all others 10 (np-api.md §5.2). */
function followsNpTelRule(tel: string): boolean {
  return /^0[2-9]0/u.test(tel) ? /^\d{11}$/u.test(tel) : /^0\d{9}$/u.test(tel);
}

const people = (o: OrderInput): Person[] => (o.shipTo ? [o.customer, o.shipTo] : [o.customer]);
const readings = new Map<string, Set<string>>();
for (const [kanji, kana] of [...SURNAMES, ...MALE_GIVEN_NAMES, ...FEMALE_GIVEN_NAMES]) {
  readings.set(kanji, (readings.get(kanji) ?? new Set()).add(kana));
}

describe('generateOrders', () => {
  it('is deterministic by seed and makes exactly `count` orders', () => {
    expect(generateOrders({ seed: 42, count: 3000 })).toEqual(orders);
    expect(generateOrders({ seed: 43, count: 50 })).not.toEqual(orders.slice(0, 50));
    expect(orders).toHaveLength(3000);
    expect(generateOrders({ seed: 1, count: 0 })).toEqual([]);
    expect(() => generateOrders({ seed: 1, count: -1 })).toThrow(RangeError);
  });

  it('makes orders the store accepts as they are', () => {
    // The store lower-cases emails (a few generated ones start with a capital, to exercise search folding).
    for (const o of orders) expect(parseOrderInput(o)).toEqual({ ...o, customer: { ...o.customer, email: o.customer.email.toLowerCase() } });
  });

  it('gives unique order numbers, numeric in time order (phone orders T-…)', () => {
    expect(new Set(orders.map((o) => o.orderNo)).size).toBe(orders.length);
    const numeric = orders.filter((o) => /^\d+$/u.test(o.orderNo));
    expect(numeric.length).toBeGreaterThan(orders.length * 0.95);
    expect(numeric.map((o) => Number(o.orderNo))).toEqual(numeric.map((_, i) => 10001 + i));
    expect(orders.some((o) => /^T-\d{5}$/u.test(o.orderNo))).toBe(true);
  });

  it('spreads order dates over the last 90 days, never in the future; shipment after order', () => {
    for (const o of orders) {
      expect(o.orderedAt).toBeLessThan(DEFAULT_DEMO_NOW);
      expect(o.orderedAt).toBeGreaterThan(DEFAULT_DEMO_NOW - (DEMO_SPAN_DAYS + 1) * DAY_MS);
      if (o.shippedAt !== null) expect(o.shippedAt).toBeGreaterThanOrEqual(o.orderedAt);
      expect(o.shippedAt !== null).toBe(o.status === 'shipped');
    }
    const days = new Set(orders.map((o) => Math.floor(o.orderedAt / DAY_MS)));
    expect(days.size).toBeGreaterThanOrEqual(DEMO_SPAN_DAYS - 1);
    const later = generateOrders({ seed: 42, count: 10, now: DEFAULT_DEMO_NOW + 365 * DAY_MS });
    for (const o of later) expect(o.orderedAt).toBeGreaterThan(DEFAULT_DEMO_NOW + 270 * DAY_MS);
  });

  it('gives names whose kana is their reading', () => {
    for (const p of orders.flatMap(people)) {
      const nameParts = p.name.split(/[ \u3000]/u);
      const kanaParts = p.kana.split(/[ \u3000]/u);
      expect(kanaParts).toHaveLength(nameParts.length);
      if (nameParts.length === 1) continue; // written without a space: checked through the spaced majority
      nameParts.forEach((part, i) => expect(readings.get(part)?.has(kanaParts[i] ?? ''), `${p.name} ${p.kana}`).toBe(true));
      expect(p.kana).toMatch(/^[ァ-ヶー \u3000]+$/u);
    }
    expect(orders.filter((o) => /[ \u3000]/u.test(o.customer.name)).length).toBeGreaterThan(orders.length * 0.9);
  });

  it('gives addresses that start with their zip code’s prefecture, city and town, some with a building', () => {
    const byZip = new Map(zipTable().map((z) => [z[0], z]));
    for (const p of orders.flatMap(people)) {
      const z = byZip.get(p.zip);
      expect(z, p.zip).toBeDefined();
      const [, pref, city, town] = z as NonNullable<typeof z>;
      expect(p.address.startsWith(`${pref}${city}${town}`), p.address).toBe(true);
    }
    const withBuilding = orders.filter((o) => / \S+\d{3}$/u.test(o.customer.address)).length;
    expect(withBuilding).toBeGreaterThan(orders.length * 0.3);
    expect(withBuilding).toBeLessThan(orders.length * 0.8);
    expect(new Set(orders.map((o) => o.customer.address.slice(0, 3))).size).toBeGreaterThan(30);
  });

  it('gives TEL numbers that follow NP’s 10/11-digit rule, mobile and landline', () => {
    const tels = orders.flatMap(people).map((p) => p.tel);
    for (const tel of tels) expect(followsNpTelRule(tel), tel).toBe(true);
    expect(tels.some((t) => /^0[789]0\d{8}$/u.test(t))).toBe(true);
    expect(tels.some((t) => t.length === 10)).toBe(true);
  });

  it('keeps names ≤ 21 and addresses ≤ 55 characters (NP’s limits) by default', () => {
    for (const p of orders.flatMap(people)) {
      expect(p.name.length).toBeLessThanOrEqual(NP_NAME_MAX);
      expect(p.address.length).toBeLessThanOrEqual(NP_ADDRESS_MAX);
    }
  });

  it('spoils about invalidShare of the orders for NP (name, address or TEL), still storable', () => {
    const spoiled = generateOrders({ seed: 5, count: 2000, invalidShare: 0.1 });
    const bad = spoiled.filter((o) => o.customer.name.length > NP_NAME_MAX || o.customer.address.length > NP_ADDRESS_MAX || !followsNpTelRule(o.customer.tel));
    expect(bad.length).toBeGreaterThan(120);
    expect(bad.length).toBeLessThan(280);
    for (const o of bad) expect(() => parseOrderInput(o)).not.toThrow();
    expect(() => generateOrders({ seed: 1, count: 1, invalidShare: 2 })).toThrow(RangeError);
  });

  it('covers every payment method (mostly NP後払い), status, gender and invoice type', () => {
    const share = (pred: (o: OrderInput) => boolean) => orders.filter(pred).length / orders.length;
    for (const m of PAYMENT_METHODS) expect(share((o) => o.paymentMethod === m), m).toBeGreaterThan(0.02);
    expect(share((o) => o.paymentMethod === 'np_atobarai')).toBeGreaterThan(0.5);
    for (const s of ORDER_STATUSES) expect(share((o) => o.status === s), s).toBeGreaterThan(0.02);
    for (const g of GENDERS) expect(share((o) => o.customer.gender === g), g).toBeGreaterThan(0.01);
    for (const t of INVOICE_TYPES) expect(share((o) => o.invoiceType === t), t).toBeGreaterThan(0.1);
  });

  it('fills the rest like a real shop: goods, fees, notes, ship-to, repeat buyers, emails, birth dates', () => {
    const share = (pred: (o: OrderInput) => boolean) => orders.filter(pred).length / orders.length;
    expect(share((o) => o.lines.length > 1)).toBeGreaterThan(0.3);
    expect(share((o) => o.note !== '')).toBeGreaterThan(0.1);
    expect(share((o) => o.shopMemo !== '')).toBeGreaterThan(0.03);
    expect(share((o) => o.shipTo !== null)).toBeGreaterThan(0.08);
    expect(share((o) => o.discount > 0)).toBeGreaterThan(0.05);
    expect(share((o) => o.customer.birthDate === null)).toBeGreaterThan(0.05);
    expect(share((o) => o.customer.companyName !== '')).toBeGreaterThan(0.03);
    expect(share((o) => o.customer.email === '')).toBeLessThan(0.1);
    for (const o of orders) {
      if (o.customer.email) expect(o.customer.email).toMatch(/^[A-Za-z0-9._-]+@example\.(com|jp|net|org)$/u);
      if (o.paymentMethod === 'cod') expect(o.fee).toBe(330);
      if (o.slipNo) expect(o.slipNo).toMatch(/^\d{12}$/u);
    }
    const buyers = new Map<string, number>();
    for (const o of orders) buyers.set(`${o.customer.name}/${o.customer.tel}`, (buyers.get(`${o.customer.name}/${o.customer.tel}`) ?? 0) + 1);
    expect([...buyers.values()].filter((n) => n > 1).length).toBeGreaterThan(100);
  });
});

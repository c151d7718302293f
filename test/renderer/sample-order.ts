/** A complete, NP-valid order as the core returns it: the store tests' sample order (one copy), stored. */
import { orderTotal, type Order } from '../../shared/order';
import { sampleOrder as sampleInput } from '../helpers/sample-order';

const STORED_AT = Date.UTC(2026, 10, 28, 1, 30);

export function sampleOrder(over: Partial<Order> = {}): Order {
  const input = sampleInput();
  return { id: 7, ...input, total: orderTotal(input), createdAt: STORED_AT, updatedAt: STORED_AT, ...over };
}

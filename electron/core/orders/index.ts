export { createOrderRepository, ordersAnalyzed, type InsertManyOptions, type OrderRepository } from './repository';

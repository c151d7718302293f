export { createOrderRepository, type InsertManyOptions, type OrderRepository } from './repository';

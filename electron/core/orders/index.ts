export { createOrderRepository, type OrderRepository } from './repository';

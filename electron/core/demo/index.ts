export { generateOrders, DEFAULT_DEMO_NOW, DEMO_SPAN_DAYS, NP_NAME_MAX, NP_ADDRESS_MAX, type GenerateOrdersOptions } from './generate';
export { zipTable, type ZipEntry } from './zip-table';

export { RedisDedupeStore, type RedisDedupeStoreOptions } from './store';

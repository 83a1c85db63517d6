export { type DedupeClaim, type DedupeStore, MemoryDedupeStore } from './dedupe';

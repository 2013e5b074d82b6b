import { MemoryStore } from './memory-store.ts';
import { openSqlStore, type EmbeddedEvents, type SqlLocation } from './sql/open.ts';
import type { Store } from './store.ts';

/** Where sessions, orders and tokens live: a PostgreSQL server, the embedded one under DATA_DIR, or memory (tests). */
export type StorageConfig = { kind: 'memory' } | SqlLocation;

export function openStore(storage: StorageConfig, events?: EmbeddedEvents): Promise<Store> {
  return storage.kind === 'memory' ? Promise.resolve(new MemoryStore()) : openSqlStore(storage, events);
}

/**
 * Entries kept as they are in this process's memory: a hit hands out the very value that was
 * stored (shared, so its users copy before they change it), and nothing is serialized.
 */
import { Uses, type Key, type Store } from './store.js';

/** A store in memory, bounded by sweeps: what a build did not use is dropped after it. */
export class MemoryStore implements Store {
  private readonly entries = new Map<string, Map<string, unknown>>();
  private readonly uses = new Uses();

  /** The value at `key`, or undefined. */
  get<T>(key: Key): T | undefined {
    this.uses.mark(key);
    return this.entries.get(key.namespace)?.get(key.hash) as T | undefined;
  }

  /** Stores `value` at `key`. */
  set<T>(key: Key, value: T): void {
    this.uses.mark(key);
    let entries = this.entries.get(key.namespace);
    if (!entries) this.entries.set(key.namespace, (entries = new Map()));
    entries.set(key.hash, value);
  }

  /** Drops the entry at `key`. */
  delete(key: Key): void {
    this.entries.get(key.namespace)?.delete(key.hash);
  }

  /** Drops the namespace's entries not used since its last sweep, except `keep`. */
  sweep(namespace: string, keep: ReadonlySet<string>): void {
    const used = this.uses.take(namespace);
    const entries = this.entries.get(namespace);
    for (const hash of entries?.keys() ?? []) if (!used.has(hash) && !keep.has(hash)) entries?.delete(hash);
  }
}

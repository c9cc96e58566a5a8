/**
 * The tool's one cache: content-addressed entries in namespaces, over a store that keeps them in
 * memory (the default) or on disk. A key hashes everything an entry depends on plus the tool's
 * version, so a stale entry can never be hit, only left unused until a sweep drops it.
 */
import { identity } from './codec.js';
import { hashParts, toolVersion } from './key.js';
import { MemoryStore } from './memory-store.js';
import type { Codec, Key, Store } from './store.js';

/** Entries of one kind of value, typed, with the codec a disk store needs for them. */
export class Namespace<T> {
  constructor(
    private readonly store: Store,
    /** Undefined for the tool's own, stamped at the first key rather than when a module loads. */
    private readonly version: string | undefined,
    private readonly name: string,
    private readonly codec: Codec<T>,
  ) {}

  /** The key of the entry that depends on `parts` (and on the tool's version). */
  key(...parts: string[]): Key {
    return { namespace: this.name, hash: hashParts(this.version ?? toolVersion(), this.name, ...parts) };
  }

  /** The entry at `key`, or undefined. From the memory store, the stored value itself: copy it before changing it. */
  get(key: Key): T | undefined {
    return this.store.get(key, this.codec);
  }

  /** Stores `value` at `key`. */
  set(key: Key, value: T): void {
    this.store.set(key, value, this.codec);
  }

  /** Drops the entry at `key`. */
  delete(key: Key): void {
    this.store.delete(key);
  }

  /** Drops the entries not used since the previous sweep (the build that just ended), except `keep`. */
  sweep(keep: Key[] = []): void {
    this.store.sweep(this.name, new Set(keep.map((k) => k.hash)));
  }
}

/** Where cached results live: one store, and the version every key includes. */
export class Cache {
  private readonly store: Store;
  private readonly version: string | undefined;

  /** A cache in `store` (memory by default); `version` stands in for the tool's own in tests. */
  constructor(options: { store?: Store; version?: string } = {}) {
    this.store = options.store ?? new MemoryStore();
    this.version = options.version;
  }

  /** The namespace `name` (lower-case letters, digits and dashes: it names a folder on disk). */
  namespace<T>(name: string, codec: Codec<T> = identity<T>()): Namespace<T> {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`cache namespace "${name}" is not a plain folder name`);
    return new Namespace(this.store, this.version, name, codec);
  }
}

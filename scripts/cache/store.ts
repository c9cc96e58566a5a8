/**
 * What every store of the cache offers, so that the code using the cache does not know whether
 * its entries stay in memory or go to disk.
 */

/** Where an entry lives: its namespace (what kind of value) and the hash of what it depends on. */
export interface Key {
  readonly namespace: string;
  readonly hash: string;
}

/**
 * How a namespace's values become data that node:v8 serializes (plain objects, arrays, Map, Set,
 * Buffer, typed arrays) and back. Only a disk store uses it; the memory store keeps values as they are.
 */
export interface Codec<T> {
  encode(value: T): unknown;
  decode(stored: unknown): T;
}

/** A store of cache entries. Reads never throw: whatever cannot be read is a miss. */
export interface Store {
  /** The value at `key`, or undefined; either way `key` counts as used for the next sweep. */
  get<T>(key: Key, codec: Codec<T>): T | undefined;
  /** Stores `value` at `key`, which counts as used. */
  set<T>(key: Key, value: T, codec: Codec<T>): void;
  /** Drops the entry at `key`, if any. */
  delete(key: Key): void;
  /**
   * Drops the entries of `namespace` not used since its previous sweep, except those in `keep`
   * (hashes), and starts counting uses afresh: what the build that just ended did not use goes.
   */
  sweep(namespace: string, keep: ReadonlySet<string>): void;
}

/** The entries each namespace used since its last sweep, which a sweep keeps. */
export class Uses {
  private readonly byNamespace = new Map<string, Set<string>>();

  /** Records a use of `key`. */
  mark(key: Key): void {
    let used = this.byNamespace.get(key.namespace);
    if (!used) this.byNamespace.set(key.namespace, (used = new Set()));
    used.add(key.hash);
  }

  /** The hashes `namespace` used since the previous call, counting afresh from now. */
  take(namespace: string): Set<string> {
    const used = this.byNamespace.get(namespace) ?? new Set<string>();
    this.byNamespace.delete(namespace);
    return used;
  }
}

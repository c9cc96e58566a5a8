/**
 * Entries as files under the book's cache folder (`.cache/build/<namespace>/<hash>`), so that they
 * outlive the process. A file holds the SHA-256 of its payload, then the payload: node:v8's
 * serialization of the encoded value. Files are written under a temporary name and renamed, so a
 * reader sees a whole entry or none, and concurrent writers of one key never mix their bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { Uses, type Codec, type Key, type Store } from './store.js';

/** Bytes of the digest that opens every entry. */
const DIGEST_BYTES = 32;

/** A temporary file this old was left by a writer that died, not one still writing. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** A store of files, bounded by sweeps: what the last build did not use is deleted after it. */
export class DiskStore implements Store {
  /** The folder that holds one subfolder per namespace. */
  private readonly dir: string;
  private readonly uses = new Uses();

  /** A store in the `build` folder of a book's cache folder (`config.cacheDir`). */
  constructor(cacheDir: string) {
    this.dir = path.join(cacheDir, 'build');
  }

  /** The value at `key`; a missing, corrupt or unreadable entry is a miss. */
  get<T>(key: Key, codec: Codec<T>): T | undefined {
    this.uses.mark(key);
    try {
      const bytes = readFileSync(this.fileOf(key));
      const payload = bytes.subarray(DIGEST_BYTES);
      if (!digestOf(payload).equals(bytes.subarray(0, DIGEST_BYTES))) return undefined;
      return codec.decode(deserialize(payload));
    } catch {
      return undefined;
    }
  }

  /** Writes `value` at `key` atomically; a value that cannot be written stays uncached. */
  set<T>(key: Key, value: T, codec: Codec<T>): void {
    this.uses.mark(key);
    const file = this.fileOf(key);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const payload = serialize(codec.encode(value));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temp, Buffer.concat([digestOf(payload), payload]));
      renameSync(temp, file);
    } catch {
      // A full disk or a read-only folder costs the next build some time, never this one.
      removeQuietly(temp);
    }
  }

  /** Deletes the entry at `key`. */
  delete(key: Key): void {
    removeQuietly(this.fileOf(key));
  }

  /**
   * Deletes the namespace's entries this process did not use since its last sweep, except `keep`.
   * Another process's temporary files are left alone unless they are stale.
   */
  sweep(namespace: string, keep: ReadonlySet<string>): void {
    const used = this.uses.take(namespace);
    const dir = path.join(this.dir, namespace);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    const now = Date.now();
    for (const name of names) {
      if (used.has(name) || keep.has(name)) continue;
      const file = path.join(dir, name);
      const stats = statSync(file, { throwIfNoEntry: false });
      if (!stats || (name.endsWith('.tmp') && now - stats.mtimeMs < STALE_TEMP_MS)) continue;
      removeQuietly(file);
    }
  }

  /** Whether the namespace holds an entry (a guess about the coming build: it may be stale). */
  holds(namespace: string): boolean {
    try {
      return readdirSync(path.join(this.dir, namespace)).some((name) => !name.endsWith('.tmp'));
    } catch {
      return false;
    }
  }

  /** The file of an entry. */
  private fileOf(key: Key): string {
    return path.join(this.dir, key.namespace, key.hash);
  }
}

/** Removes a file if it can; one that cannot be removed (permissions, a folder in its way) is left for a later sweep. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Nothing is lost: an entry that stays is still whole, and a stale one is never hit.
  }
}

/** The SHA-256 of some bytes. */
function digestOf(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

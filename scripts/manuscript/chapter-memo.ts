/**
 * Remembers the book-wide results of each chapter between dev-server rebuilds, keyed by
 * everything they depend on, so that a one-chapter edit re-runs ids, links and images for that
 * chapter only. Keys are content hashes: a stale entry can never be hit, only left unused.
 */
import { createHash } from 'node:crypto';
import type { Root } from 'hast';
import type { Diagnostic } from '../diagnostics.js';
import type { Asset, Heading } from './model.js';

/** A chapter after the id pass. Its tree is shared: copy it before changing it. */
export interface IdsResult {
  tree: Root;
  anchors: Map<string, string>;
  headings: Heading[];
  /** Ids the chapter added to the book, in order. */
  registered: string[];
  /** Texts the chapter's file slugger was given, to replay on a hit. */
  slugged: string[];
  /** Image sources in the chapter, for the key of the next stage. */
  images: string[];
  messages: Diagnostic[];
}

/** A chapter after links and images: the final tree, its assets and its messages. */
export interface ResolvedResult {
  tree: Root;
  assets: Asset[];
  messages: Diagnostic[];
}

/** Both stages' results, dropping what the latest build did not use. */
export class ChapterMemo {
  private ids = new Map<string, IdsResult>();
  private resolved = new Map<string, ResolvedResult>();
  private usedIds = new Set<string>();
  private usedResolved = new Set<string>();

  /** The id-pass result for `key`, if any. */
  getIds(key: string): IdsResult | undefined {
    this.usedIds.add(key);
    return this.ids.get(key);
  }

  /** Stores an id-pass result. */
  setIds(key: string, result: IdsResult): void {
    this.usedIds.add(key);
    this.ids.set(key, result);
  }

  /** The links-and-images result for `key`, if any. */
  getResolved(key: string): ResolvedResult | undefined {
    this.usedResolved.add(key);
    return this.resolved.get(key);
  }

  /** Stores a links-and-images result. */
  setResolved(key: string, result: ResolvedResult): void {
    this.usedResolved.add(key);
    this.resolved.set(key, result);
  }

  /** Forgets entries the build that just ended did not use, so memory stays bounded. */
  sweep(): void {
    for (const key of this.ids.keys()) if (!this.usedIds.has(key)) this.ids.delete(key);
    for (const key of this.resolved.keys()) if (!this.usedResolved.has(key)) this.resolved.delete(key);
    this.usedIds.clear();
    this.usedResolved.clear();
  }
}

/** A short hash of some strings, as a memo key. */
export function keyOf(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32);
}

/**
 * The book-wide results of each chapter, kept in the cache between builds and keyed by everything
 * they depend on, so that a one-chapter edit re-runs ids, links and images for that chapter only.
 */
import type { Root } from 'hast';
import type { Cache, Namespace } from '../cache/cache.js';
import { withMessages, withMessagesAndLazyTree } from '../cache/codec.js';
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

/** The entries of both stages. */
export interface ChapterMemo {
  ids: Namespace<IdsResult>;
  links: Namespace<ResolvedResult>;
}

/**
 * Both stages' namespaces in `cache`: Maps and Buffers serialize as they are, diagnostics (vfile
 * messages) as fields; an id-pass tree is decoded only when its chapter's links are redone.
 */
export function chapterMemo(cache: Cache): ChapterMemo {
  return { ids: cache.namespace('chapter-ids', withMessagesAndLazyTree<IdsResult>()), links: cache.namespace('chapter-links', withMessages<ResolvedResult>()) };
}

/** The finished PDF in the book's cache (outputs/pdf/book-cache.ts): what its key covers, and one version kept on disk. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { VFileMessage } from 'vfile-message';
import { Cache } from '../../scripts/cache/cache.js';
import { DiskStore } from '../../scripts/cache/disk-store.js';
import { problem } from '../../scripts/diagnostics.js';
import type { Chapter, Manuscript } from '../../scripts/manuscript/model.js';
import { BookCache, chapterKeys, type CachedBook } from '../../scripts/outputs/pdf/book-cache.js';
import type { Preflight } from '../../scripts/outputs/pdf/preflight.js';
import { tempTree } from './helpers.js';

/** A chapter as the manuscript stage leaves it, with a content address. */
function chapter(id: string, treeKey: string | undefined): Chapter {
  const made: Chapter = { index: 0, id, source: `manuscript/${id}.md`, line: 1, title: `제목 ${id}`, depth: 0, headings: [], tree: { type: 'root', children: [] } };
  if (treeKey !== undefined) made.treeKey = treeKey;
  return made;
}

/** A manuscript of `chapters` with a configuration and a print stylesheet. */
function manuscript(chapters: Chapter[], title = '책', css = 'p { margin: 0; }'): Manuscript {
  return {
    config: { title, language: 'ko' },
    chapters,
    assets: new Map(),
    styles: { epub: { css: '', assets: [] }, print: { css, assets: [] } },
    plugins: { remark: [], rehype: [] },
  } as unknown as Manuscript;
}

/** A cached book whose PDF is `bytes`. */
function cachedBook(bytes: number[]): CachedBook {
  return {
    pdf: Uint8Array.from(bytes),
    preflight: { pages: 2 } as Preflight,
    layout: { documents: [{ chapters: ['ch01'], pages: [{ folio: '1', head: '첫', length: 3 }] }] },
    messages: [problem('warning', 'PDF: 경고', { file: 'manuscript/ch01.md', line: 3, ruleId: 'some-rule' })],
    documents: 1,
    nested: 0,
  };
}

describe('outputs/pdf/book-cache.ts', () => {
  test('should key the book by every chapter, the configuration and the print stylesheet', () => {
    const books = new BookCache(new Cache({ version: '1' }));
    const key = books.key(manuscript([chapter('ch01', 'a'), chapter('ch02', 'b')]))?.hash;
    assert.ok(key);
    assert.equal(books.key(manuscript([chapter('ch01', 'a'), chapter('ch02', 'b')]))?.hash, key);
    assert.notEqual(books.key(manuscript([chapter('ch01', 'a'), chapter('ch02', 'c')]))?.hash, key, 'a chapter tree');
    assert.notEqual(books.key(manuscript([chapter('ch01', 'a'), chapter('ch02', 'b')], '다른 책'))?.hash, key, 'the configuration');
    assert.notEqual(books.key(manuscript([chapter('ch01', 'a'), chapter('ch02', 'b')], '책', 'p { margin: 1em; }'))?.hash, key, 'print.css');
    const retitled = chapter('ch02', 'b');
    retitled.title = '새 제목';
    assert.notEqual(books.key(manuscript([chapter('ch01', 'a'), retitled]))?.hash, key, "a chapter's title");
  });

  test('should not cache a book with a chapter that has no content address', () => {
    const book = manuscript([chapter('ch01', 'a'), chapter('ch02', undefined)]);
    assert.equal(new BookCache(new Cache({ version: '1' })).key(book), undefined);
    assert.equal(chapterKeys(book), undefined);
  });

  test('should give the stored book back from disk, its messages as vfile messages, and keep only the last version', () => {
    const cacheDir = path.join(tempTree({}), '.cache');
    const writer = new BookCache(new Cache({ store: new DiskStore(cacheDir), version: '1' }));
    const first = writer.key(manuscript([chapter('ch01', 'a')]));
    const second = writer.key(manuscript([chapter('ch01', 'b')]));
    assert.ok(first && second);
    writer.set(first, cachedBook([1, 2, 3]));
    writer.set(second, cachedBook([4, 5]));
    assert.deepEqual(fs.readdirSync(path.join(cacheDir, 'build', 'pdf-book')), [second.hash]);

    const reader = new BookCache(new Cache({ store: new DiskStore(cacheDir), version: '1' }));
    assert.equal(reader.get(first), undefined);
    const hit = reader.get(second);
    assert.deepEqual(hit && [...hit.pdf], [4, 5]);
    assert.ok(hit?.messages[0] instanceof VFileMessage);
    assert.deepEqual(hit, cachedBook([4, 5]));
  });
});

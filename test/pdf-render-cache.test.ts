/** The renderer's printed documents in the cache: reused while unchanged, in memory and on disk. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Cache } from '../scripts/cache/cache.js';
import { DiskStore } from '../scripts/cache/disk-store.js';
import { Diagnostics } from '../scripts/diagnostics.js';
import type { PrintDocument } from '../scripts/outputs/pdf/chapter-html.js';
import { PdfRenderer, type RenderJob } from '../scripts/outputs/pdf/render.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'render-cache-'));
const renderers: PdfRenderer[] = [];
after(async () => {
  await Promise.all(renderers.map((r) => r.close()));
  fs.rmSync(root, { recursive: true, force: true });
});

/** A renderer closed when the file's tests end. */
function renderer(cache?: Cache): PdfRenderer {
  const made = new PdfRenderer(cache ? { cache } : {});
  renderers.push(made);
  return made;
}

/** A job of one small document whose body says `text`. */
function job(text: string): RenderJob {
  const doc: PrintDocument = { name: 'ch01', source: 'manuscript/a.md', lang: 'en', title: 'A', style: '', body: `<p>${text}</p>`, marginText: [], shrunk: [] };
  return { documents: [doc], css: '@page { size: 100mm 150mm; }', assets: [], textWidthPx: 300, bookRoot: root };
}

test('should print an unchanged document once, and again once it changed', { timeout: 120_000 }, async () => {
  const warm = renderer();
  const [first] = await warm.print(job('one'), new Diagnostics());
  const [again] = await warm.print(job('one'), new Diagnostics());
  assert.equal(again, first, 'the printed document itself, not a new print');
  const [changed] = await warm.print(job('two'), new Diagnostics());
  assert.notEqual(changed, first);
  // The name's older print was replaced: going back prints it anew.
  const [back] = await warm.print(job('one'), new Diagnostics());
  assert.notEqual(back, first);
  assert.deepEqual(back?.overflows, first?.overflows);
});

test('should find a document another renderer printed in a disk cache, without starting Chromium', { timeout: 120_000 }, async () => {
  const cacheDir = path.join(root, '.cache');
  const [printed] = await renderer(new Cache({ store: new DiskStore(cacheDir) })).print(job('disk'), new Diagnostics());
  const cold = renderer(new Cache({ store: new DiskStore(cacheDir) }));
  const [found] = await cold.print(job('disk'), new Diagnostics());
  assert.deepEqual(found, printed);
  assert.equal((cold as unknown as { browser?: unknown }).browser, undefined, 'no browser was started');
});

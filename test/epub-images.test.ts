/**
 * Images every reader takes: in the EPUB a 20-megapixel transparent PNG is scaled down to at most
 * 4 million pixels and flattened onto white, with one info line; the PDF keeps the original.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { Diagnostics } from '../scripts/diagnostics.js';
import type { Asset } from '../scripts/manuscript/model.js';
import { readerStandIns } from '../scripts/outputs/epub/core-images.js';
import { removeTempDirs, runCli, tempDir, type CliResult } from './helpers/cli.js';
import { openEpub, type OpenedEpub } from './helpers/epub.js';
import { epubcheck, formatMessages } from './helpers/epubcheck.js';

/** A PNG of `width`×`height` that is transparent but for an opaque red square in its corner. */
async function transparentPng(width: number, height: number): Promise<Buffer> {
  const square = await sharp({ create: { width: Math.ceil(width / 4), height: Math.ceil(height / 4), channels: 4, background: '#c00000' } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: square, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

describe('a book with a 5000×4000 transparent PNG', () => {
  let dir: string;
  let run: CliResult;
  let book: OpenedEpub;
  before(async () => {
    dir = tempDir('epub-images-');
    fs.mkdirSync(path.join(dir, 'manuscript', 'images'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'manuscript', 'book.yaml'), 'title: Images\nauthor: Tester\nlanguage: en\nidentifier: urn:uuid:3b0c8a52-6d1e-4f7a-9c2b-5e8d7f6a4b31\noutput: images\n');
    fs.writeFileSync(path.join(dir, 'manuscript', '01-big.md'), '# Big\n\n![A big red square](images/big.png)\n');
    fs.writeFileSync(path.join(dir, 'manuscript', 'images', 'big.png'), await transparentPng(5000, 4000));
    run = await runCli(['build', dir]);
    assert.equal(run.code, 0, run.stderr);
    book = await openEpub(path.join(dir, 'dist', 'images.epub'));
  });
  after(removeTempDirs);

  /** The one PNG of the EPUB's manifest, as bytes. */
  const epubPng = (): Buffer => {
    const item = [...book.manifest.values()].find((i) => i.mediaType === 'image/png');
    assert.ok(item, 'no PNG in the manifest');
    return book.entries.get(book.entryName(item.href)) as Buffer;
  };

  it('should hold the image in the EPUB at no more than 4 million pixels, without alpha, and pass EPUBCheck', async () => {
    const meta = await sharp(epubPng()).metadata();
    assert.deepEqual([meta.width, meta.height, meta.hasAlpha], [2236, 1788, false]);
    assert.ok((meta.width ?? 0) * (meta.height ?? 0) <= 4_000_000);
    // The transparent area is white now, the square still red.
    const { data } = await sharp(epubPng()).extract({ left: 2000, top: 1500, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([...data], [255, 255, 255]);
    const result = await epubcheck(path.join(dir, 'dist', 'images.epub'));
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0], formatMessages(result.messages));
  });

  it('should say once what it changed, at the image file', () => {
    const lines = run.stderr.split('\n').filter((l) => l.includes('EPUB: image'));
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0] as string, /image "images\/big\.png" scaled down from 5000×4000 to 2236×1788 px.*transparency flattened onto white/);
  });

  it('should keep the original image in the PDF', () => {
    const list = execFileSync('pdfimages', ['-list', path.join(dir, 'dist', 'images.pdf')], { encoding: 'utf8' });
    const sizes = list.split('\n').slice(2).filter(Boolean).map((l) => l.trim().split(/\s+/).slice(3, 5).join('×'));
    assert.ok(sizes.includes('5000×4000'), list);
  });

  it('should give the same EPUB bytes when built again', async () => {
    const first = fs.readFileSync(path.join(dir, 'dist', 'images.epub'));
    const again = await runCli(['build', dir, '--format', 'epub']);
    assert.equal(again.code, 0, again.stderr);
    assert.ok(first.equals(fs.readFileSync(path.join(dir, 'dist', 'images.epub'))), 'the EPUB changed between two builds of the same book');
  });
});

describe('outputs/epub/core-images.ts: transparency and size', () => {
  /** A PNG asset of `data`. */
  const png = (name: string, data: Buffer): Asset => ({ href: `images/${name}.png`, mediaType: 'image/png', data, origin: `${name}.png` });

  it('should keep transparency when the book asks, and leave small opaque images alone', async () => {
    const diagnostics = new Diagnostics();
    const opaqueWithAlpha = await sharp({ create: { width: 4, height: 4, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 1 } } }).png().toBuffer();
    const clear = await transparentPng(8, 8);
    assert.equal((await readerStandIns([png('opaque', opaqueWithAlpha), png('clear', clear)], { keepTransparency: true, diagnostics })).size, 0);
    const flattened = await readerStandIns([png('opaque', opaqueWithAlpha), png('clear', clear)], { keepTransparency: false, diagnostics });
    assert.deepEqual([...flattened.keys()], ['images/clear.png']);
    assert.equal((await sharp(flattened.get('images/clear.png')?.data).metadata()).hasAlpha, false);
    assert.equal(diagnostics.list.length, 1);
  });
});

/**
 * The raster cover stores ask for: the typographic cover rendered to a 1600×2560 JPEG, a cover.png
 * at the book's root taken when book.yaml names none, and dist/<name>-cover.jpg next to the EPUB.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { removeTempDirs, runCli, tempDir, type CliResult } from './helpers/cli.js';
import { openEpub } from './helpers/epub.js';
import { epubcheck, formatMessages } from './helpers/epubcheck.js';

/** A one-chapter Korean book named `output` in a new folder, with `files` besides. */
function book(output: string, files: Record<string, Buffer> = {}): string {
  const dir = tempDir('epub-cover-');
  fs.mkdirSync(path.join(dir, 'manuscript'));
  fs.writeFileSync(path.join(dir, 'manuscript', 'book.yaml'), `title: 도커를 익히다\nauthor: 주길재\nlanguage: ko\nidentifier: urn:uuid:7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d\noutput: ${output}\n`);
  fs.writeFileSync(path.join(dir, 'manuscript', '01.md'), '# 하나\n\n본문.\n');
  for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data);
  return dir;
}

/** The EPUB's cover-image item and its bytes, after checking the EPUB with EPUBCheck. */
async function coverOf(epub: string): Promise<{ mediaType: string; data: Buffer }> {
  const result = await epubcheck(epub);
  assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0], formatMessages(result.messages));
  const opened = await openEpub(epub);
  const covers = [...opened.manifest.values()].filter((i) => i.properties.includes('cover-image'));
  assert.equal(covers.length, 1);
  const cover = covers[0] as { href: string; mediaType: string };
  return { mediaType: cover.mediaType, data: opened.entries.get(opened.entryName(cover.href)) as Buffer };
}

describe('the EPUB cover as a JPEG', () => {
  const dirs: Record<'typographic' | 'root', string> = { typographic: '', root: '' };
  const runs = {} as Record<'typographic' | 'root', CliResult>;
  before(async () => {
    dirs.typographic = book('typographic');
    const png = await sharp({ create: { width: 400, height: 600, channels: 3, background: '#2a9d8f' } }).png().toBuffer();
    dirs.root = book('root', { 'cover.png': png });
    [runs.typographic, runs.root] = await Promise.all([runCli(['build', dirs.typographic, '--format', 'epub']), runCli(['build', dirs.root, '--format', 'epub'])]);
    assert.equal(runs.typographic.code, 0, runs.typographic.stderr);
    assert.equal(runs.root.code, 0, runs.root.stderr);
  });
  after(removeTempDirs);

  it('should render the typographic cover, Hangul title and all, to a 1600×2560 JPEG, also in dist/', async () => {
    const cover = await coverOf(path.join(dirs.typographic, 'dist', 'typographic.epub'));
    assert.equal(cover.mediaType, 'image/jpeg');
    const meta = await sharp(cover.data).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1600, 2560]);
    // The title's band holds white glyphs on the dark ground; the band below it is plain.
    const brightest = async (top: number) => (await sharp(cover.data).extract({ left: 160, top, width: 1280, height: 160 }).greyscale().raw().toBuffer()).reduce((a, b) => Math.max(a, b), 0);
    assert.ok((await brightest(640)) > 200, 'no title drawn');
    assert.ok((await brightest(1600)) < 100, 'the empty band is not plain');
    assert.ok(cover.data.equals(fs.readFileSync(path.join(dirs.typographic, 'dist', 'typographic-cover.jpg'))));
  });

  it('should take cover.png at the book root when book.yaml names no cover, scaled up to the stores\' size', async () => {
    const cover = await coverOf(path.join(dirs.root, 'dist', 'root.epub'));
    const meta = await sharp(cover.data).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1707, 2560]);
    const { dominant } = await sharp(cover.data).stats();
    assert.ok(Math.abs(dominant.r - 0x2a) + Math.abs(dominant.g - 0x9d) + Math.abs(dominant.b - 0x8f) < 24, JSON.stringify(dominant));
    assert.match(runs.root.stderr, /cover: cover\.png at the book's root is the cover/);
    assert.ok(cover.data.equals(fs.readFileSync(path.join(dirs.root, 'dist', 'root-cover.jpg'))));
  });
});

/**
 * The typographic cover in the book's own fonts: Chromium draws it with the Fontsource faces the
 * PDF embeds for the book's language (and reports them loaded), the title set from the left or,
 * in a right-to-left book, from the right; the JPEG is the same bytes from build to build, and a
 * rebuild takes it from the book's cache without starting a browser.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer';
import sharp from 'sharp';
import { drawCover, type CoverText } from '../scripts/outputs/epub/cover.js';
import { launchBrowser } from '../scripts/outputs/pdf/browser.js';
import { copyFixture, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { openEpub } from './helpers/epub.js';

/** The band the title's first line is drawn in (the rule ends at 576 px, the author starts below 2100 px). */
const titleBand = { top: 640, height: 200 };

/** The columns of a band of an image that hold ink (near-white on the dark ground): the first and the last. */
async function inkColumns(image: Buffer, band: { top: number; height: number }): Promise<{ first: number; last: number } | undefined> {
  const { data, info } = await sharp(image).extract({ left: 0, top: band.top, width: 1600, height: band.height }).greyscale().raw().toBuffer({ resolveWithObject: true });
  let first = -1;
  let last = -1;
  for (let x = 0; x < info.width; x++) {
    let ink = false;
    for (let y = 0; y < info.height && !ink; y++) ink = (data[y * info.width + x] as number) > 200;
    if (ink && first < 0) first = x;
    if (ink) last = x;
  }
  return first < 0 ? undefined : { first, last };
}

/** The pixels of a band of an image, for comparing two images there. */
async function band(image: Buffer, area: { top: number; height: number }): Promise<Buffer> {
  return sharp(image).extract({ left: 0, top: area.top, width: 1600, height: area.height }).greyscale().raw().toBuffer();
}

describe('the typographic cover drawn in the book\'s fonts', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  /** What drawing `text` gives: the families Chromium loaded, and the PNG (checked to be the stores' size). */
  async function draw(text: CoverText): Promise<{ png: Buffer; families: string[] }> {
    const drawn = await drawCover(browser, text);
    const meta = await sharp(drawn.png).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1600, 2560]);
    return drawn;
  }

  it('should load the book\'s Fontsource family for Japanese, Korean, Arabic and Hebrew titles', async () => {
    const cases = [
      { text: { title: 'コンテナ技術の基礎と実践入門', subtitle: '仮想化から運用まで', authors: ['山田太郎'], language: 'ja' }, family: 'Noto Serif JP' },
      { text: { title: '도커를 익히다', authors: ['주길재'], language: 'ko' }, family: 'Noto Serif KR' },
      { text: { title: 'مقدمة في الحاويات', authors: ['أحمد علي'], language: 'ar' }, family: 'Noto Naskh Arabic' },
      { text: { title: 'מבוא למכולות', authors: ['דוד לוי'], language: 'he' }, family: 'Noto Serif Hebrew' },
    ];
    for (const { text, family } of cases) {
      const { png, families } = await draw(text);
      assert.ok(families.includes(family), `${text.language}: Chromium loaded ${families.join(', ')}, not ${family}`);
      assert.ok(await inkColumns(png, titleBand), `${text.language}: no title drawn`);
    }
  });

  it('should draw the title, so that two titles make two different covers with the same foot', async () => {
    const one = (await draw({ title: 'コンテナ入門', authors: ['山田太郎'], language: 'ja' })).png;
    const other = (await draw({ title: '仮想化入門', authors: ['山田太郎'], language: 'ja' })).png;
    assert.ok(!(await band(one, titleBand)).equals(await band(other, titleBand)), 'the title band does not depend on the title');
    const foot = { top: 2100, height: 300 };
    assert.ok(await inkColumns(one, foot), 'no author drawn');
    assert.ok((await band(one, foot)).equals(await band(other, foot)));
  });

  it('should set a left-to-right title from the left margin and a right-to-left one from the right', async () => {
    const ltr = await inkColumns((await draw({ title: '入門', authors: ['山田'], language: 'ja' })).png, titleBand);
    const rtl = await inkColumns((await draw({ title: 'مقدمة', authors: ['أحمد'], language: 'ar' })).png, titleBand);
    assert.ok(ltr && ltr.first >= 160 && ltr.first < 200 && ltr.last < 800, JSON.stringify(ltr));
    assert.ok(rtl && rtl.last <= 1440 && rtl.last > 1400 && rtl.first > 800, JSON.stringify(rtl));
  });

  it('should set a title too long for its box smaller rather than cut it off', async () => {
    // At full size these titles run far past their box, which would cut off the last word, the only one in which they differ.
    const title = (last: string): string => `${'Containers '.repeat(20)}${last}`;
    const alpha = (await draw({ title: title('Alpha'), authors: ['Jane Doe'], language: 'en' })).png;
    const omega = (await draw({ title: title('Omega'), authors: ['Jane Doe'], language: 'en' })).png;
    assert.ok(!(await band(alpha, { top: 640, height: 1460 })).equals(await band(omega, { top: 640, height: 1460 })), 'the last word of the title is not drawn');
  });
});

describe('the typographic cover in built EPUBs', () => {
  // A fixed time stamp: the copies are made at different moments.
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
  const dirs = { ja: '', ar: '', again: '' };
  const runs = {} as Record<keyof typeof dirs, CliResult>;
  let rebuild: CliResult;
  /** The Japanese EPUB of the first build, before the rebuild replaced it. */
  let firstJa: Buffer;
  before(async () => {
    dirs.ja = copyFixture('cover-fonts-ja');
    dirs.ar = copyFixture('cover-fonts-ar');
    dirs.again = copyFixture('cover-fonts-ja');
    const built = await Promise.all(Object.values(dirs).map((dir) => runCli(['build', dir, '--format', 'epub'], { env })));
    [runs.ja, runs.ar, runs.again] = built as [CliResult, CliResult, CliResult];
    for (const run of built) assert.equal(run.code, 0, run.stderr);
    firstJa = fs.readFileSync(path.join(dirs.ja, 'dist', 'cover-ja.epub'));
    rebuild = await runCli(['build', dirs.ja, '--format', 'epub'], { env });
    assert.equal(rebuild.code, 0, rebuild.stderr);
  });
  after(removeTempDirs);

  /** The built EPUB of `name` in `dir`, and its cover-image's bytes. */
  async function built(dir: string, name: string): Promise<{ epub: Buffer; cover: Buffer }> {
    const file = path.join(dir, 'dist', `${name}.epub`);
    const opened = await openEpub(file);
    const covers = [...opened.manifest.values()].filter((i) => i.properties.includes('cover-image'));
    assert.equal(covers.length, 1);
    const cover = opened.entries.get(opened.entryName((covers[0] as { href: string }).href)) as Buffer;
    assert.ok(cover.equals(fs.readFileSync(path.join(dir, 'dist', `${name}-cover.jpg`))), 'dist/<name>-cover.jpg is not the EPUB\'s cover');
    return { epub: fs.readFileSync(file), cover };
  }

  it('should put a 1600×2560 JPEG with the title drawn into the Japanese and the Arabic EPUB', async () => {
    for (const [dir, name] of [[dirs.ja, 'cover-ja'], [dirs.ar, 'cover-ar']] as const) {
      const { cover } = await built(dir, name);
      const meta = await sharp(cover).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1600, 2560]);
      assert.ok(await inkColumns(cover, titleBand), `${name}: no title drawn`);
    }
    const ar = await inkColumns((await built(dirs.ar, 'cover-ar')).cover, titleBand);
    assert.ok(ar && ar.last > 1400 && ar.first > 400, `the Arabic title is not set from the right: ${JSON.stringify(ar)}`);
  });

  it('should make the same EPUB, byte for byte, from two copies of a book drawn by two browsers', async () => {
    assert.match(runs.ja.stderr, /using Chromium/);
    assert.match(runs.again.stderr, /using Chromium/);
    const again = await built(dirs.again, 'cover-ja');
    assert.ok(firstJa.equals(again.epub), 'the EPUBs differ');
  });

  it('should take the cover from the book\'s cache on a rebuild, starting no browser', async () => {
    assert.doesNotMatch(rebuild.stderr, /using Chromium/);
    assert.ok((await built(dirs.ja, 'cover-ja')).epub.equals(firstJa));
  });
});

/**
 * MathML written by the author (raw `<math>` in Markdown, as in the features fixture) prints in
 * the book's own embedded fonts: Chromium's default `font-family: math` found no font and printed
 * a system stand-in as Type 3, which made the PDF build fail.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, it } from 'node:test';
import { copyFixture, removeTempDirs, runCli } from './helpers/cli.js';
import { pageText, pdffonts, pdfinfo, squash } from './helpers/poppler.js';

after(removeTempDirs);

it('prints raw MathML with embedded fonts, no Type 3', async () => {
  const dir = copyFixture('features');
  const run = await runCli(['build', dir, '--format', 'pdf']);
  assert.equal(run.code, 0, run.stderr);
  const pdf = path.join(dir, 'dist', 'features-book.pdf');
  const fonts = pdffonts(pdf);
  assert.deepEqual(fonts.filter((f) => f.type.includes('Type 3')).map((f) => f.name), []);
  assert.ok(fonts.every((f) => f.embedded), JSON.stringify(fonts));
  const pages = Number(pdfinfo(pdf).fields.get('Pages'));
  const text = Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1)).join('');
  // MathML's identifiers print as mathematical italic letters.
  assert.match(squash(text), /(E|𝐸)=(m|𝑚)(c|𝑐)/u);
});

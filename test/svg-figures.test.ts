/**
 * SVG figures as drawing tools save them (test/fixtures/svg-figures: Illustrator's SVG 1.1 DOCTYPE
 * with entities, private data, text in Arial, Helvetica, Courier New and Tahoma, in Latin, Hangul
 * and Thai), in a Korean book built through the real CLI: a valid EPUB, and a PDF whose figure
 * text prints in the book's embedded fonts. A chapter printed in a Type 3 font fails the build.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyFixture, diagnosticLines, listFiles, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { readEpub } from './helpers/epub.js';
import { epubcheck, formatMessages } from './helpers/epubcheck.js';
import { pageText, pdffonts, pdfinfo, squash } from './helpers/poppler.js';

describe('an SVG figure saved by a drawing tool, in a Korean book', () => {
  let dir: string;
  let run: CliResult;
  const epub = (): string => path.join(dir, 'dist', 'svg-figures.epub');
  const pdf = (): string => path.join(dir, 'dist', 'svg-figures.pdf');

  before(async () => {
    dir = copyFixture('svg-figures');
    run = await runCli(['build', dir]);
    assert.equal(run.code, 0, run.stderr);
  });
  after(removeTempDirs);

  it('builds without a warning', () => {
    assert.deepEqual(diagnosticLines(run.stderr), []);
  });

  it('passes EPUBCheck with no error or warning, the SVG without DOCTYPE, entities or Illustrator’s extension', async () => {
    const result = await epubcheck(epub());
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0], formatMessages(result.messages));
    // The figure, not the typographic cover (also an SVG).
    const svgs = [...(await readEpub(epub())).entries()].filter(([name]) => name.endsWith('.svg')).map(([, data]) => data.toString('utf8'));
    const svg = svgs.find((s) => s.includes('Server')) ?? '';
    assert.doesNotMatch(svg, /<!DOCTYPE|<!ENTITY|&ns_|requiredExtensions/);
    assert.match(svg, /<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg" xmlns:xlink="http:\/\/www\.w3\.org\/1999\/xlink"/);
    assert.match(svg, /style="font-family:'ArialMT', Arial; font-size:13px;">요청은 HTTP로 보냅니다 \(http:\/\/www\.w3\.org\/2000\/svg\)</);
  });

  it('prints the figure’s text in the book’s fonts: no Type 3, every font an embedded subset, Thai included', () => {
    const fonts = pdffonts(pdf());
    for (const font of fonts) {
      assert.notEqual(font.type, 'Type 3', `${font.name} is Type 3`);
      assert.ok(font.embedded && font.subset, `${font.name} is not an embedded subset`);
    }
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).join(' ');
    // The Thai label is the book's only Thai: its face is listed because the figure's text counts.
    for (const family of ['NotoSerifKR', 'NanumGothicCoding', 'NotoSerifThai']) assert.match(names, new RegExp(family), names);
    assert.doesNotMatch(names, /DejaVu|Arial|Helvetica|Liberation|Tahoma|Courier/);
  });

  it('keeps the figure’s text as text in the PDF', () => {
    const pages = Number(pdfinfo(pdf()).fields.get('Pages'));
    const text = squash(Array.from({ length: pages }, (_, i) => pageText(pdf(), i + 1)).join('\n'));
    for (const label of ['Server & API', '서버', 'Client', '클라이언트', '요청은 HTTP로 보냅니다 (http://www.w3.org/2000/svg)', 'GET /api/v1', 'สวัสดี']) {
      assert.ok(text.includes(squash(label)), `"${label}" is in the PDF`);
    }
  });
});

describe('a chapter printed in a font that becomes Type 3', () => {
  after(removeTempDirs);

  it('fails the build naming the chapter, and writes nothing to dist/', async () => {
    const dir = copyFixture('svg-figures');
    // The system's Noto Sans CJK KR (CFF outlines) is what Chromium embeds as Type 3.
    fs.writeFileSync(path.join(dir, 'manuscript', '02-system-font.md'), "# 시스템 글꼴\n\n본문 속의 <span style=\"font-family: 'Noto Sans CJK KR'\">한글</span>입니다.\n");
    const run = await runCli(['build', dir]);
    assert.equal(run.code, 1, run.stderr);
    const errors = diagnosticLines(run.stderr).filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [d.file, d.line]), [[path.join('manuscript', '02-system-font.md'), 1]], run.stderr);
    assert.match(errors[0]?.message ?? '', /^PDF: chapter "시스템 글꼴" prints .*한 \(U\+D55C\).* in a Type 3 font, which print shops reject/);
    assert.match(run.stderr, /nothing was written/);
    assert.deepEqual(listFiles(path.join(dir, 'dist')), []);
  });
});

/**
 * Mermaid diagrams drawn at build time: a Korean book with a Chinese chapter, twelve diagrams of
 * seven kinds (flowchart, sequence, class, state, ER, Gantt, pie) with Hangul and Hanzi labels and
 * one that mermaid cannot read, built through the real command line, then again from the cache.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyFixture, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { openEpub, type OpenedEpub } from './helpers/epub.js';
import { epubcheck } from './helpers/epubcheck.js';
import { pdffonts, squash } from './helpers/poppler.js';
import { attr, elements, NS, text } from './helpers/xml.js';

/** The chapters' documents, in order, and how many diagrams each draws. */
const drawnPerChapter: [string, number][] = [
  ['ch01.xhtml', 4],
  ['ch02.xhtml', 3],
  ['ch03.xhtml', 2],
  ['ch04.xhtml', 3],
];

describe('Mermaid diagrams', () => {
  let dir: string;
  let cold: CliResult;
  let cached: CliResult;
  let strict: CliResult;
  let coldEpub: Buffer;
  let epub: OpenedEpub;
  let pdf: string;

  before(async () => {
    dir = copyFixture('diagrams');
    cold = await runCli(['build', dir]);
    assert.equal(cold.code, 0, cold.stderr);
    const epubFile = path.join(dir, 'dist', 'diagrams.epub');
    coldEpub = readFileSync(epubFile);
    pdf = path.join(dir, 'dist', 'diagrams.pdf');
    cached = await runCli(['build', dir, '--format', 'epub']);
    assert.equal(cached.code, 0, cached.stderr);
    strict = await runCli(['build', dir, '--format', 'epub', '--strict']);
    epub = await openEpub(epubFile);
  });
  after(removeTempDirs);

  it('draws every diagram once on the first build, and none again on the next, which starts no browser', () => {
    assert.match(cold.stderr, /• diagrams: 13 drawn, 0 from the cache/);
    assert.match(cached.stderr, /• diagrams: 0 drawn, 13 from the cache/);
    assert.doesNotMatch(cached.stderr, /using Chromium/);
  });

  it('makes the same EPUB from cached drawings as from fresh ones', () => {
    assert.ok(readFileSync(path.join(dir, 'dist', 'diagrams.epub')).equals(coldEpub));
  });

  it('puts each diagram into the EPUB as inline SVG, without scripts or HTML labels', () => {
    for (const [href, count] of drawnPerChapter) {
      const doc = epub.parse(href);
      assert.equal(elements(doc, NS.svg, 'svg').length, count, href);
      assert.equal(elements(doc, NS.svg, 'foreignObject').length, 0, href);
      assert.equal(elements(doc, NS.xhtml, 'script').length + elements(doc, NS.svg, 'script').length, 0, href);
      const item = [...epub.manifest.values()].find((i) => i.href === href);
      assert.ok(item?.properties.includes('svg'), `${href} is declared as holding SVG`);
      // Two sequence diagrams in one chapter: mermaid names some elements alike (actor0).
      const ids = Array.from(doc.getElementsByTagName('*')).map((e) => e.getAttribute('id')).filter(Boolean);
      assert.equal(new Set(ids).size, ids.length, `${href} has no id twice`);
    }
  });

  it('gives every diagram a text alternative: its caption, its accessible title, or its type and labels', () => {
    const names: string[] = [];
    for (const [href] of drawnPerChapter) {
      const doc = epub.parse(href);
      for (const svg of elements(doc, NS.svg, 'svg')) {
        assert.equal(attr(svg, 'role'), 'img');
        const labelledBy = attr(svg, 'aria-labelledby');
        names.push(labelledBy ? text(doc.getElementById(labelledBy) as Node) : attr(svg, 'aria-label'));
      }
    }
    assert.ok(names.every(Boolean), names.join(' | '));
    // A captioned diagram is a numbered figure of its chapter (rehype-captions).
    assert.ok(names.includes('그림 1-1 컨테이너 시작 과정'), 'the fence title is the caption');
    assert.ok(names.includes('빌드 단계'), 'accTitle is the name');
    const ch01 = epub.parse('ch01.xhtml');
    assert.deepEqual(elements(ch01, NS.xhtml, 'figcaption').map(text), ['그림 1-1 컨테이너 시작 과정']);
    assert.ok(elements(ch01, NS.svg, 'desc').some((d) => text(d) === '소스에서 이미지까지 세 단계를 거칩니다'), 'accDescr is kept');
    for (const kind of ['sequence diagram', 'class diagram', 'state diagram', 'entity relationship diagram', 'Gantt chart', 'pie chart', 'flowchart']) {
      assert.ok(names.some((n) => n.startsWith(`도표 (${kind})`)), `a generated alternative names the ${kind}`);
    }
    assert.ok(names.includes('도표 (sequence diagram): 服务器, 客户端, 发送请求, 返回结果'), names.join(' | '));
  });

  it('passes EPUBCheck with no errors and no warnings', async () => {
    const result = await epubcheck(path.join(dir, 'dist', 'diagrams.epub'));
    assert.deepEqual({ fatals: result.fatals, errors: result.errors, warnings: result.warnings }, { fatals: 0, errors: 0, warnings: 0 }, JSON.stringify(result.messages.slice(0, 5)));
  });

  it('prints the diagrams as vectors, their Hangul and Hanzi labels in the embedded print fonts, none Type 3', () => {
    const fonts = pdffonts(pdf);
    for (const font of fonts) {
      assert.notEqual(font.type, 'Type 3', `${font.name} is Type 3`);
      assert.ok(font.embedded && font.subset, `${font.name} is an embedded subset`);
      assert.match(font.name, /^[A-Z]{6}\+(NotoSerif|NanumGothicCoding)/, `${font.name} is one of the book's fonts`);
    }
    // Simplified Hanzi the Korean face lacks (镜) fall back to Noto Serif SC, as in the text.
    assert.ok(fonts.some((f) => f.name.includes('NotoSerifSC')), fonts.map((f) => f.name).join(', '));
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    assert.deepEqual(images, [], 'no diagram is a raster image');
    const all = squash(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
    for (const label of ['이미지받기', '컨테이너생성', '식별자돌려주기', '레지스트리', '+받기()', '생성됨', '복제수', '도입일정', '쿠버네티스', '镜像仓库', '返回结果', '资源占用']) {
      assert.ok(all.includes(label), `the PDF's text has ${label}`);
    }
  });

  it('reports the diagram mermaid cannot read at its line with mermaid\'s reason, and shows its source as code', () => {
    assert.match(cold.stderr, /manuscript\/03-plan\.md:28:1: warning: Mermaid could not draw this diagram: Parse error on line 2: Expecting .*got 'LINK'; its source is shown as code \[diagram-not-drawn\]/);
    const code = elements(epub.parse('ch03.xhtml'), NS.xhtml, 'code').find((c) => attr(c, 'class').includes('language-mermaid'));
    assert.ok(code, 'the block stays a code block');
    assert.match(code.textContent ?? '', /^flowchart LR\n {2}시작 --> --> 끝\[/);
    assert.ok(squash(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).includes('시작-->-->끝['), 'the PDF shows the source');
  });

  it('makes the unreadable diagram an error under --strict', () => {
    assert.notEqual(strict.code, 0);
    assert.match(strict.stderr, /manuscript\/03-plan\.md:28:1: error \(strict\): Mermaid could not draw this diagram/);
  });
});

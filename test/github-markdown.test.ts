/**
 * What GitHub renders, the book renders: alerts, math and bare URLs next to CJK text, in a Korean
 * fixture book with a Chinese chapter, built once into both formats and checked with EPUBCheck and
 * poppler.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyFixture, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { openEpub, entryText, type OpenedEpub } from './helpers/epub.js';
import { epubcheck, formatMessages } from './helpers/epubcheck.js';
import { pdffonts, squash } from './helpers/poppler.js';
import { attr, elements, NS, text } from './helpers/xml.js';

const mathml = 'http://www.w3.org/1998/Math/MathML';

describe('GitHub Markdown: alerts, math, bare URLs next to CJK text', () => {
  let run: CliResult;
  let epubFile: string;
  let pdfFile: string;
  let epub: OpenedEpub;

  before(async () => {
    const dir = copyFixture('github-markdown');
    run = await runCli(['build', dir]);
    epubFile = path.join(dir, 'dist', 'github-markdown.epub');
    pdfFile = path.join(dir, 'dist', 'github-markdown.pdf');
    if (run.code === 0) epub = await openEpub(epubFile);
  });
  after(removeTempDirs);

  it('builds, with a warning at the line of the unknown alert and of the broken formula', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /manuscript\/01-alerts\.md:25:3: warning: unknown alert \[!UNKNOWN\]: kept as a quote .* \[alert\]/);
    assert.match(run.stderr, /manuscript\/02-math\.md:15:8: warning: invalid TeX, shown as its source: KaTeX parse error: .* \[math\]/);
    assert.match(run.stderr, /0 error\(s\), 2 warning\(s\)/);
  });

  it('passes EPUBCheck with no errors or warnings', async () => {
    const result = await epubcheck(epubFile);
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0], formatMessages(result.messages));
  });

  it('makes the five alerts note boxes with their Korean titles, and keeps the unknown one a quote', () => {
    const doc = epub.parse('ch01.xhtml');
    const boxes = elements(doc, NS.xhtml, 'div').filter((d) => attr(d, 'role') === 'note');
    assert.deepEqual(
      boxes.map((d) => attr(d, 'class')),
      ['alert alert-note', 'alert alert-tip', 'alert alert-important', 'alert alert-warning', 'alert alert-caution'],
    );
    const titles = elements(doc, NS.xhtml, 'p').filter((p) => attr(p, 'class') === 'alert-title');
    assert.deepEqual(titles.map(text), ['참고', '팁', '중요', '경고', '주의']);
    for (const title of titles) assert.equal(attr(elements(title, NS.svg, 'svg')[0] as Element, 'aria-hidden'), 'true');
    assert.equal(elements(doc, NS.xhtml, 'aside').length, 0, 'no aside, which readers hide as a pop-up note');
    const quotes = elements(doc, NS.xhtml, 'blockquote').map(text);
    assert.deepEqual(quotes, ['[!UNKNOWN] 모르는 종류는 그냥 인용문으로 남습니다.', '평범한 인용문입니다.']);
    assert.ok(epub.manifest.get('ch01')?.properties.includes('svg'));
  });

  it('writes formulas as MathML with their TeX as alttext, declared in the manifest', () => {
    const doc = epub.parse('ch02.xhtml');
    const formulas = elements(doc, mathml, 'math');
    assert.deepEqual(
      formulas.map((m) => [attr(m, 'display'), attr(m, 'alttext')]),
      [
        ['', 'E = mc^2'],
        ['', '\\sqrt{2}'],
        ['block', '\\int_0^1 x^2\\,dx = \\frac{1}{3}'],
        ['block', '\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}'],
        ['block', 'a^2 + b^2 = c^2'],
      ],
    );
    const xhtml = entryText(epub.entries, epub.entryName('ch02.xhtml'));
    assert.doesNotMatch(xhtml, /katex/, "KaTeX's HTML stays out of the EPUB");
    assert.match(xhtml, /<code class="math-error">\\frac\{1\}\{<\/code>/);
    assert.match(xhtml, /커피는 \$5 and 케이크는 \$10 입니다\. 셸 변수 \$HOME 과 \$PATH 도 글자 그대로입니다\. It costs \$5\./);
    assert.deepEqual(epub.manifest.get('ch02')?.properties, ['mathml']);
    assert.deepEqual(epub.manifest.get('ch03')?.properties, []);
  });

  it('ends bare URLs before ")에서", full-width punctuation and "。", keeping balanced parentheses', () => {
    const links = (href: string): [string, string][] => elements(epub.parse(href), NS.xhtml, 'a').map((a) => [text(a), attr(a, 'href')]);
    assert.deepEqual(links('ch03.xhtml'), [
      ['https://hub.docker.com', 'https://hub.docker.com'],
      ['https://en.wikipedia.org/wiki/Docker_(software)', 'https://en.wikipedia.org/wiki/Docker_(software)'],
      ['https://docs.docker.com/get-started/', 'https://docs.docker.com/get-started/'],
    ]);
    assert.deepEqual(links('ch04.xhtml'), [
      ['https://www.docker.com', 'https://www.docker.com'],
      ['https://docs.docker.com', 'https://docs.docker.com'],
      ['https://hub.docker.com', 'https://hub.docker.com'],
    ]);
  });

  it('prints with embedded fonts only (KaTeX among them), never Type 3', () => {
    const fonts = pdffonts(pdfFile);
    for (const font of fonts) {
      assert.notEqual(font.type, 'Type 3', `${font.name} is Type 3`);
      assert.ok(font.embedded && font.subset, `${font.name} is not an embedded subset`);
    }
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    for (const katex of ['KaTeX_Main-Regular', 'KaTeX_Math-Italic']) assert.ok(names.includes(katex), `${katex} among ${names.join(', ')}`);
  });

  it('prints the alert titles, the formulas, the dollars as text and links that end where the URL does', () => {
    const all = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' });
    const flat = squash(all);
    for (const title of ['참고', '팁', '중요', '경고', '주의']) assert.match(all, new RegExp(`^${title}$`, 'm'), `the title ${title} on a line of its own`);
    assert.ok(flat.includes('[!UNKNOWN]모르는종류는'));
    assert.ok(flat.includes('커피는$5and케이크는$10입니다.셸변수$HOME과$PATH도'));
    assert.ok(flat.includes('잘못된수식\\frac{1}{은'), 'the broken formula printed as its source');
    assert.doesNotMatch(flat, /\\int|\\sum|\\sqrt|mc\^2/, 'the valid formulas are typeset, not printed as TeX');
    assert.ok(flat.includes('DockerHub(https://hub.docker.com)에서'));
    const urls = execFileSync('pdfinfo', ['-url', pdfFile], { encoding: 'utf8' })
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/)[2])
      .filter(Boolean);
    assert.deepEqual([...new Set(urls)], ['https://hub.docker.com/', 'https://en.wikipedia.org/wiki/Docker_(software)', 'https://docs.docker.com/get-started/', 'https://www.docker.com/', 'https://docs.docker.com/']);
  });
});

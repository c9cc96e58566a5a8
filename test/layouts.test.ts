/**
 * Books as they exist on GitHub, built with no configuration of ours: an mdBook book, a
 * GitBook/HonKit book, a Jekyll page given as one file, and Chinese and Japanese folders of
 * Markdown with no metadata at all. Each is built once (EPUB and PDF), then checked with
 * EPUBCheck, the package document, pdftotext and pdffonts.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyFixture, mapLimit, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { epubcheck, formatMessages, type EpubcheckResult } from './helpers/epubcheck.js';
import { openEpub, type OpenedEpub } from './helpers/epub.js';
import { pageText, pdffonts, squash } from './helpers/poppler.js';
import { elements, NS, text } from './helpers/xml.js';

/** One fixture book, what to build from it, and what its metadata must come out as. */
interface Case {
  fixture: string;
  /** The path to build, relative to the copied fixture (a single-file book names its file). */
  target: string;
  output: string;
  layout: RegExp;
  title: string;
  authors: string[];
  language: string;
  toc: string;
}

const cases: Case[] = [
  {
    fixture: 'layout-mdbook',
    target: '.',
    output: 'layout-mdbook',
    layout: /an mdBook book \(book\.toml, src\/\)/,
    title: '러스트로 배우는 시스템 프로그래밍',
    authors: ['홍길동', 'Jane Doe'],
    language: 'ko',
    toc: '차례',
  },
  { fixture: 'layout-gitbook', target: '.', output: 'layout-gitbook', layout: /a GitBook\/HonKit book \(book\.json\)/, title: '容器技术入门', authors: ['张三'], language: 'zh-Hans', toc: '目录' },
  {
    fixture: 'layout-jekyll',
    target: '2021-04-29-docker-intro.md',
    output: '2021-04-29-docker-intro',
    layout: /one Markdown file/,
    title: '도커 컨테이너 입문',
    authors: ['김철수'],
    language: 'ko',
    toc: '차례',
  },
  { fixture: 'layout-zh-folder', target: '.', output: 'layout-zh-folder', layout: /a folder of Markdown files/, title: '開始', authors: ['Unknown'], language: 'zh-Hant', toc: '目錄' },
  { fixture: 'layout-ja-folder', target: '.', output: 'layout-ja-folder', layout: /a folder of Markdown files/, title: 'はじめに', authors: ['Unknown'], language: 'ja', toc: '目次' },
];

/** A case after its build: the run, the files and what the checks found. */
interface Built {
  run: CliResult;
  epub: OpenedEpub;
  check: EpubcheckResult;
  pdf: string;
  pdfText: string;
  epubText: string;
}

const built = new Map<string, Built>();

before(async () => {
  await mapLimit(cases, 2, async (c) => {
    const dir = copyFixture(c.fixture);
    const run = await runCli(['build', path.join(dir, c.target)]);
    assert.equal(run.code, 0, `${c.fixture}:\n${run.stderr}`);
    const outDir = path.join(dir, 'dist');
    const epubFile = path.join(outDir, `${c.output}.epub`);
    const pdf = path.join(outDir, `${c.output}.pdf`);
    const epub = await openEpub(epubFile);
    const epubText = [...epub.entries].filter(([name]) => name.endsWith('.xhtml')).map(([, data]) => data.toString('utf8')).join('\n');
    built.set(c.fixture, { run, epub, check: await epubcheck(epubFile), pdf, pdfText: execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }), epubText });
  });
});
after(removeTempDirs);

/** What was built from a fixture. */
function of(fixture: string): Built {
  const b = built.get(fixture);
  assert.ok(b, `${fixture} was not built`);
  return b;
}

for (const c of cases) {
  describe(`${c.fixture}: built with no configuration of ours`, () => {
    it('should say which layout it recognised, and warn about little', () => {
      const { run } = of(c.fixture);
      assert.match(run.stderr.split('\n')[0] ?? '', c.layout);
      const warnings = Number(/(\d+) warning\(s\)/.exec(run.stderr)?.[1] ?? 0);
      assert.ok(warnings <= 3, run.stderr);
    });

    it('should pass EPUBCheck with no errors or warnings', () => {
      const { check } = of(c.fixture);
      assert.equal(check.fatals + check.errors + check.warnings, 0, formatMessages(check.messages));
    });

    it("should take the title, authors and language from the book's own files", () => {
      const { epub } = of(c.fixture);
      assert.equal(text(elements(epub.opf, NS.dc, 'title')[0] as Element), c.title);
      assert.deepEqual(elements(epub.opf, NS.dc, 'creator').map((e) => text(e)), c.authors);
      assert.equal(text(elements(epub.opf, NS.dc, 'language')[0] as Element), c.language);
      assert.match(epub.entries.get(epub.entryName('toc.xhtml'))?.toString('utf8') ?? '', new RegExp(`<h[12][^>]*>${c.toc}</h[12]>`), 'contents label in the language');
    });

    it('should print the title page in the book language, with embedded outline fonts only', () => {
      const { pdf } = of(c.fixture);
      assert.match(squash(pageText(pdf, 1)), new RegExp(squash(c.title)));
      for (const font of pdffonts(pdf)) {
        assert.notEqual(font.type, 'Type 3', `${font.name} is Type 3`);
        assert.ok(font.embedded, `${font.name} is not embedded`);
      }
    });
  });
}

describe('layout-mdbook: mdBook syntax and links', () => {
  it('should include the listings and leave no directive text in either output', () => {
    const { epubText, pdfText } = of('layout-mdbook');
    // The EPUB's code is highlighted: its words are read without the markup around them.
    for (const out of [epubText.replace(/<[^>]+>/g, ''), pdfText]) {
      assert.doesNotMatch(out, /\{\{#/);
      assert.match(out, /let mut x = 5;/);
      assert.doesNotMatch(out, /ANCHOR/);
      assert.doesNotMatch(out, /fn helper\(\)/, 'hidden lines are left out');
    }
  });

  it('should resolve links written the mdBook way (.html) to the chapters', () => {
    const { epubText, run } = of('layout-mdbook');
    assert.doesNotMatch(run.stderr, /broken link/);
    assert.match(epubText, /href="ch0\d\.xhtml#스택과-힙"/);
  });
});

describe('layout-gitbook: folder links and images in _images/', () => {
  it('should resolve a link to a folder to its README chapter, and pack the image', () => {
    const { epubText, epub, run } = of('layout-gitbook');
    assert.doesNotMatch(run.stderr, /broken link/);
    assert.match(epubText, /href="ch0\d\.xhtml">镜像<\/a>/);
    assert.ok([...epub.manifest.values()].some((item) => item.mediaType === 'image/png'));
  });
});

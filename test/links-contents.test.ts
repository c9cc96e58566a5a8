/**
 * A GitBook-style book built through the real CLI: links written as mdBook, GitBook and Jekyll
 * write them (`other.html#x`, a folder for its README.md), links to files of the repository that
 * are no chapters (with and without `repository:`), a chapter whose first section repeats its
 * title, and contents long enough that the printed 차례 stops at h2 while the nav keeps h3.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Preflight } from '../scripts/outputs/pdf/preflight.js';
import { printedEntriesWithH3 } from '../scripts/outputs/toc.js';
import { diagnosticLines, removeTempDirs, runCli, tempDir, type CliResult } from './helpers/cli.js';
import { flattenToc, navElement, navTree, ncxTree, openEpub, type OpenedEpub, type TocNode } from './helpers/epub.js';
import { epubcheck, formatMessages } from './helpers/epubcheck.js';
import { outlineTitles, pageText, pdffonts } from './helpers/poppler.js';
import { attr, elements, NS, text } from './helpers/xml.js';

const topics = 5;
const sections = 4;
const subsections = 5;

/** Writes the book into a new folder; `yaml` is added to its book.yaml. */
function writeBook(yaml: string): string {
  const dir = tempDir('links-contents-');
  const files: Record<string, string> = {
    'manuscript/book.yaml': `title: Links and Contents\nauthor: Tester\nlanguage: en\nidentifier: urn:uuid:6b1c1a52-3f0e-4b8a-9d0e-2a7f4c1d9e01\ndate: 2024-01-02\noutput: links\n${yaml}`,
    'manuscript/SUMMARY.md': [
      '# Summary',
      '',
      '[Preface](preface.md)',
      '',
      '- [Basics](basics/README.md)',
      '  - [Installing](basics/install.md)',
      ...Array.from({ length: topics }, (_, t) => `- [Topic ${t + 1}](topic-${t + 1}.md)`),
      '',
    ].join('\n'),
    'manuscript/preface.md': [
      '# Preface',
      '',
      'See [installing](basics/install.html), its [Linux part](basics/install.html#linux-setup) and [the basics](basics/).',
      '',
      'Topic one is [here](topic-1.html#topic-1-part-2).',
      '',
      'The [example program](../examples/app.py) and [the examples](../examples/).',
      '',
      'Once more, [the program](../examples/app.py).',
      '',
    ].join('\n'),
    // GitBook pages often open with an H2 repeating the H1.
    'manuscript/basics/README.md': '# Basics\n\n## Basics\n\nWhat the basics are.\n\n### Vocabulary\n\nWords.\n\n## Beyond the basics\n\nMore.\n',
    'manuscript/basics/install.md': '# Installing\n\n## Linux setup\n\nOn Linux.\n\nBack to [the preface](../preface.html).\n',
    'examples/app.py': 'print("hello")\n',
    'examples/data.csv': 'a,b\n',
  };
  for (let t = 1; t <= topics; t++) {
    const parts = [`# Topic ${t}`, '', `Topic ${t} opens.`, ''];
    for (let s = 1; s <= sections; s++) {
      parts.push(`## Topic ${t} part ${s}`, '', `Part ${s} of topic ${t}.`, '');
      for (let u = 1; u <= subsections; u++) parts.push(`### Detail ${t}.${s}.${u}`, '', `Detail ${u} of part ${s}.`, '');
    }
    files[`manuscript/topic-${t}.md`] = parts.join('\n');
  }
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/**
 * Every entry of the contents down to h3: Preface; Basics with Vocabulary and Beyond the basics
 * (its repeated "Basics" left out); Installing with Linux setup; then the topics.
 */
const entriesWithH3 = 6 + topics * (1 + sections * (1 + subsections));

/** What a build left: its run, its folder and its EPUB, opened. */
interface Built {
  run: CliResult;
  dir: string;
  epub: OpenedEpub;
}

/** Builds `dir` (as an EPUB only, or in every format) and opens its EPUB. */
async function build(dir: string, format: 'epub' | 'all'): Promise<Built> {
  const run = await runCli(['build', dir, ...(format === 'epub' ? ['--format', 'epub'] : [])]);
  assert.equal(run.code, 0, run.stderr);
  return { run, dir, epub: await openEpub(path.join(dir, 'dist', 'links.epub')) };
}

/** The links of a chapter document: text -> href ('' when the link was kept as words). */
function links(epub: OpenedEpub, href: string): Map<string, string> {
  return new Map(elements(epub.parse(href), NS.xhtml, 'a').map((a) => [text(a), attr(a, 'href')]));
}

/** The nav's contents tree. */
function nav(epub: OpenedEpub): TocNode[] {
  const toc = navElement(epub.parse('toc.xhtml'), 'toc');
  const list = toc && elements(toc, NS.xhtml, 'ol')[0];
  assert.ok(list, 'the nav has a contents list');
  return navTree(list);
}

/** The broken-link warnings of a run. */
function brokenLinks(run: CliResult): { file: string; line: number; message: string }[] {
  return diagnosticLines(run.stderr).filter((d) => d.message.includes('[broken-link]'));
}

describe('links of mdBook, GitBook and Jekyll books, and the depth of the contents', () => {
  let linked: Built;
  let plain: Built;
  let preflight: Preflight;

  before(async () => {
    // One book with the repository, built in both formats; the same without it (and a depth), EPUB only.
    [linked, plain] = await Promise.all([build(writeBook('repository: https://github.com/owner/links-book\n'), 'all'), build(writeBook('toc:\n  depth: 1\n'), 'epub')]);
    preflight = JSON.parse(fs.readFileSync(path.join(linked.dir, 'dist', 'links.preflight.json'), 'utf8')) as Preflight;
  });
  after(removeTempDirs);

  it('passes EPUBCheck with no error and no warning, with and without the repository', async () => {
    for (const built of [linked, plain]) {
      const result = await epubcheck(path.join(built.dir, 'dist', 'links.epub'));
      assert.equal(result.fatals + result.errors + result.warnings, 0, formatMessages(result.messages));
    }
  });

  it('resolves other.html, other.html#x and a folder to the chapters they name', () => {
    // ch01 preface, ch02 basics/README.md, ch03 basics/install.md, ch04… the topics.
    const preface = links(linked.epub, 'ch01.xhtml');
    assert.equal(preface.get('installing'), 'ch03.xhtml');
    assert.equal(preface.get('Linux part'), 'ch03.xhtml#linux-setup');
    assert.equal(preface.get('the basics'), 'ch02.xhtml');
    assert.equal(preface.get('here'), 'ch04.xhtml#topic-1-part-2');
    assert.equal(links(linked.epub, 'ch03.xhtml').get('the preface'), 'ch01.xhtml');
  });

  it('points links to files that are no chapters at the repository, without a warning', () => {
    const preface = links(linked.epub, 'ch01.xhtml');
    assert.equal(preface.get('example program'), 'https://github.com/owner/links-book/blob/HEAD/examples/app.py');
    assert.equal(preface.get('the program'), 'https://github.com/owner/links-book/blob/HEAD/examples/app.py');
    assert.equal(preface.get('the examples'), 'https://github.com/owner/links-book/tree/HEAD/examples');
    assert.deepEqual(brokenLinks(linked.run), []);
  });

  it('keeps them as words without a repository, warning once per target at its first link', () => {
    const preface = links(plain.epub, 'ch01.xhtml');
    assert.equal(preface.get('example program'), '');
    assert.equal(preface.get('the program'), '');
    assert.equal(preface.get('the basics'), 'ch02.xhtml');
    const warnings = brokenLinks(plain.run);
    assert.deepEqual(
      warnings.map((w) => [w.file, w.line]),
      [
        ['manuscript/preface.md', 7],
        ['manuscript/preface.md', 7],
      ],
      plain.run.stderr,
    );
    assert.match(warnings[0]?.message ?? '', /^broken link "\.\.\/examples\/app\.py": examples\/app\.py is not part of the book .*, here and in 1 other link to it \[broken-link\]$/);
    assert.match(warnings[1]?.message ?? '', /^broken link "\.\.\/examples\/": examples\/ holds no chapter \(README\.md or index\.md\) of this book; the words are kept without the link \[broken-link\]$/);
  });

  it('lists the h3 sections in the EPUB nav and NCX by default, the repeated "Basics" once', () => {
    const entries = flattenToc(nav(linked.epub));
    assert.equal(entries.length, entriesWithH3);
    assert.ok(entriesWithH3 > printedEntriesWithH3, 'the book is long enough for a shorter printed contents');
    assert.ok(entries.includes('2 Detail 5.4.5 -> ch08.xhtml#detail-545'), entries.join('\n'));
    assert.deepEqual(
      entries.filter((e) => / Basics ->/.test(e)),
      ['0 Basics -> ch02.xhtml'],
    );
    assert.ok(entries.includes('1 Vocabulary -> ch02.xhtml#vocabulary'), 'the repeated section’s own sections move up');
    const navMap = elements(linked.epub.parse('toc.ncx'), NS.ncx, 'navMap')[0];
    assert.ok(navMap);
    assert.equal(flattenToc(ncxTree(navMap)).length, entriesWithH3);
  });

  it('lists chapters only in the nav and NCX of a book with toc: depth: 1', () => {
    assert.deepEqual(
      flattenToc(nav(plain.epub)).map((e) => e.replace(/ ->.*/, '')),
      ['0 Preface', '0 Basics', '1 Installing', ...Array.from({ length: topics }, (_, t) => `0 Topic ${t + 1}`)],
    );
    const navMap = elements(plain.epub.parse('toc.ncx'), NS.ncx, 'navMap')[0];
    assert.ok(navMap);
    assert.equal(flattenToc(ncxTree(navMap)).length, 2 + 1 + topics);
  });

  it('prints contents down to h2 only for this long book, each listed heading once', () => {
    const contents = Array.from({ length: preflight.frontMatterPages - 2 }, (_, i) => pageText(path.join(linked.dir, 'dist', 'links.pdf'), i + 3)).join('\n');
    assert.match(contents, /Contents/);
    for (let t = 1; t <= topics; t++) for (let s = 1; s <= sections; s++) assert.match(contents, new RegExp(`Topic ${t} part ${s}\\b`));
    assert.match(contents, /Linux setup/);
    assert.match(contents, /Beyond the basics/);
    assert.doesNotMatch(contents, /Detail \d/, 'no h3 section is printed');
    assert.doesNotMatch(contents, /Vocabulary/);
    assert.equal(contents.match(/^Basics\b/gm)?.length, 1, contents);
    // About 40 lines: two pages at most, where every h3 would have taken five.
    assert.ok(preflight.frontMatterPages - 2 <= 2, `${preflight.frontMatterPages - 2} contents pages`);
  });

  it('keeps h3 sections in the PDF bookmarks, and prints with no Type 3 font', () => {
    const pdf = path.join(linked.dir, 'dist', 'links.pdf');
    const titles = outlineTitles(pdf);
    assert.equal(titles.length, entriesWithH3);
    assert.ok(titles.some((t) => t.title === 'Detail 3.2.1' && t.depth === 2), JSON.stringify(titles.slice(0, 20)));
    assert.equal(titles.filter((t) => t.title === 'Basics').length, 1);
    for (const font of pdffonts(pdf)) assert.notEqual(font.type, 'Type 3', font.name);
  });
});

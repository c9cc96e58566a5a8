/**
 * End to end: a book written with mdBook's syntax (test/fixtures/mdbook-syntax: chapters in our
 * manuscript/ layout, listings in listings/ at the book root) is built once by the real CLI; the
 * EPUB goes through EPUBCheck, the PDF through pdftotext. Then `book dev` on another copy must
 * rebuild when a listing outside manuscript/ changes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { copyFixture, diagnosticLines, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { EventStream, startDevProcess } from './dev-harness.js';
import { epubcheck, formatMessages, type EpubcheckResult } from './helpers/epubcheck.js';
import { openEpub, type OpenedEpub } from './helpers/epub.js';
import { squash } from './helpers/poppler.js';
import { attr, elements, NS, text } from './helpers/xml.js';

let dir = '';
let result: CliResult;
let book: OpenedEpub;
let check: EpubcheckResult;
/** Every chapter document, parsed, in spine order. */
let chapters: Document[] = [];
/** The text of all chapters of the EPUB, and of the whole PDF. */
let epubText = '';
let pdfText = '';

before(async () => {
  dir = copyFixture('mdbook-syntax');
  result = await runCli(['build', dir]);
  assert.equal(result.code, 0, result.stderr);
  const epub = path.join(dir, 'dist', 'mdbook-syntax.epub');
  [book, check] = await Promise.all([openEpub(epub), epubcheck(epub)]);
  chapters = book.spine
    .map((idref) => book.manifest.get(idref)?.href ?? '')
    .filter((href) => /^ch\d+\.xhtml$/.test(href))
    .map((href) => book.parse(href));
  epubText = chapters.map((doc) => text(doc.documentElement)).join('\n');
  pdfText = execFileSync('pdftotext', [path.join(dir, 'dist', 'mdbook-syntax.pdf'), '-'], { encoding: 'utf8' });
});
after(removeTempDirs);

// Text that must reach both outputs: every form of include, the nested ones, the playground, the info strings.
const shown = [
  'line_three_marker', 'line_four_marker', 'anchor_main_marker', 'tail_marker', 'use std::fmt;', 'Shared text from',
  'body_shown_marker', 'playground_marker', 'should_panic_marker', '#[escaped_attribute_marker]', '#[derive(Debug)]',
  'pandoc_python_marker', 'titledMarker', 'hugo_python_marker', 'console_marker', 'shell_session_marker',
  'SolidityOne', 'SolidityThree', 'befunge_marker',
];
// Hidden Rust lines (written, or made by rustdoc_include), anchor lines, the `##` escape itself.
const hidden = ['setup_hidden_marker', 'teardown_hidden_marker', 'written_hidden_marker', 'indented_hidden_marker', 'ANCHOR', '##[escaped'];
// The two escaped directives are the only `{{#` text the book may show.
const escaped = ['{{#include ../listings/hello.rs}}', '{{#title not a title}}'];

/** How often `needle` occurs in `haystack`. */
function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('a book in mdBook syntax', () => {
  it('should pass EPUBCheck with no errors and no warnings', () => {
    assert.deepEqual([check.fatals, check.errors, check.warnings], [0, 0, 0], formatMessages(check.messages));
  });

  it('should warn once per language the highlighter does not know, with its count, and nothing else', () => {
    const fences = path.join(dir, 'manuscript', '03-fences.md');
    const lines = fs.readFileSync(fences, 'utf8').split('\n');
    assert.deepEqual(
      diagnosticLines(result.stderr).map((d) => [d.file, d.line, d.severity, d.message]),
      [
        ['manuscript/03-fences.md', lines.indexOf('```solidity') + 1, 'warning', 'cannot highlight `solidity`: the highlighter does not know this language, printed plain (in 3 code blocks) [unknown-language]'],
        ['manuscript/03-fences.md', lines.indexOf('```befunge') + 1, 'warning', 'cannot highlight `befunge`: the highlighter does not know this language, printed plain (in 1 code block) [unknown-language]'],
      ],
    );
  });

  it('should resolve every directive in both outputs, leaving only the escaped ones as text', () => {
    for (const [name, output] of [['EPUB', epubText], ['PDF', squash(pdfText)]] as const) {
      assert.equal(count(output, '{{#'), escaped.length, `${name}: ${output}`);
      for (const directive of escaped) assert.ok(output.includes(name === 'PDF' ? squash(directive) : directive), `${name} lacks ${directive}`);
    }
  });

  it('should include every listing, nested includes too, and leave hidden lines and anchors out', () => {
    for (const [name, output] of [['EPUB', squash(epubText)], ['PDF', squash(pdfText)]] as const) {
      for (const needle of shown) assert.ok(output.includes(squash(needle)), `${name} lacks ${needle}`);
      for (const needle of hidden) assert.ok(!output.includes(needle), `${name} shows ${needle}`);
      // The anchor `main`, the whole file and the nested include of the anchor.
      assert.equal(count(output, 'anchor_main_marker'), 3, name);
    }
  });

  it('should highlight by the language word and caption a titled listing', () => {
    const classes = chapters.flatMap((doc) => elements(doc, NS.xhtml, 'code').map((code) => attr(code, 'class'))).filter(Boolean);
    assert.ok(classes.every((c) => !/,|\{/.test(c)), classes.join(' | '));
    assert.ok(classes.includes('hljs language-python') && classes.includes('hljs language-console') && classes.includes('hljs language-shell-session'), classes.join(' | '));
    const spans = chapters.flatMap((doc) => elements(doc, NS.xhtml, 'span')).filter((s) => attr(s, 'class').startsWith('hljs-'));
    assert.ok(spans.some((s) => text(s) === 'def'), 'the Pandoc-style python block is highlighted');
    const figure = chapters.flatMap((doc) => elements(doc, NS.xhtml, 'figure'))[0];
    assert.ok(figure);
    assert.equal(attr(figure, 'class'), 'listing');
    assert.deepEqual(
      Array.from(figure.children).map((child) => [child.localName, child.localName === 'figcaption' ? text(child) : '']),
      [
        ['figcaption', 'app.js'],
        ['pre', ''],
      ],
    );
  });

  it('should title a chapter without an H1 from {{#title}}', () => {
    const nav = book.parse([...book.manifest.values()].find((item) => item.properties.includes('nav'))?.href ?? '');
    assert.ok(elements(nav, NS.xhtml, 'a').some((a) => text(a) === '러스트 문서 포함'));
    assert.equal(text(elements(chapters[1] as Document, NS.xhtml, 'h1')[0] as Element), '러스트 문서 포함');
  });
});

test('book dev should rebuild when a listing outside the watched folders changes', { timeout: 120_000 }, async () => {
  const copy = copyFixture('mdbook-syntax');
  const dev = await startDevProcess(copy);
  const events = new EventStream(`${dev.url}_dev/events`);
  try {
    await events.next('hello');
    const listing = path.join(copy, 'listings', 'hello.rs');
    fs.writeFileSync(listing, fs.readFileSync(listing, 'utf8').replace('anchor_main_marker', 'EDITED_LISTING_MARKER'));
    await events.next('reload', 30_000);
    const page = await (await fetch(`${dev.url}ch01.xhtml`)).text();
    assert.equal(count(page, 'EDITED_LISTING_MARKER'), 3, page);
  } finally {
    events.close();
    process.kill(-(dev.child.pid as number), 'SIGTERM');
    await dev.exited;
  }
});

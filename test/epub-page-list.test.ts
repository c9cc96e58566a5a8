/**
 * The EPUB's page-list from the print pages: built with the PDF, the EPUB marks where each printed
 * page of a chapter begins and lists the markers in its nav. Checked against the PDF itself: the
 * text after each marker is on the page printed with its number. An EPUB-only build reuses the
 * print layout the PDF build left in the cache, lays the pages out with `pageList: true`, and says
 * in one info line that it has no page-list otherwise.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ace, formatViolations } from './helpers/ace.js';
import { copyFixture, removeTempDirs, runCli, sha256 } from './helpers/cli.js';
import { entryText, openEpub, type OpenedEpub } from './helpers/epub.js';
import { epubcheck, formatMessages } from './helpers/epubcheck.js';
import { pageText, pdfinfo, squash } from './helpers/poppler.js';
import { attr, elements, NS, text } from './helpers/xml.js';

/** A page-break marker of a chapter document and the text that follows it. */
interface Marker {
  href: string;
  id: string;
  label: string;
  /** The next characters after it, white space left out. */
  next: string;
  /** The word it stands before. */
  word: string;
}

/** The markers of every chapter document, in reading order. */
function markersOf(epub: OpenedEpub): Marker[] {
  const markers: Marker[] = [];
  for (const idref of epub.spine) {
    const href = epub.manifest.get(idref)?.href ?? '';
    const body = elements(epub.parse(href), NS.xhtml, 'body')[0];
    if (!body) continue;
    let raw = '';
    const found: { id: string; label: string; at: number }[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === 3) raw += node.nodeValue ?? '';
      const el = node as Element;
      if (node.nodeType === 1 && el.getAttribute('role') === 'doc-pagebreak') found.push({ id: el.getAttribute('id') ?? '', label: el.getAttribute('aria-label') ?? '', at: raw.length });
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    };
    walk(body);
    for (const { id, label, at } of found) {
      const rest = raw.slice(at);
      markers.push({ href, id, label, next: squash(rest).slice(0, 16), word: rest.trimStart().split(/\s/)[0] ?? '' });
    }
  }
  return markers;
}

/** The page-list nav's entries: target and label. */
function pageList(epub: OpenedEpub): { href: string; label: string }[] {
  const navItem = [...epub.manifest.values()].find((item) => item.properties.includes('nav'));
  assert.ok(navItem, 'the EPUB has no nav document');
  const nav = elements(epub.parse(navItem.href), NS.xhtml, 'nav').find((n) => attr(n, 'type', NS.epub) === 'page-list');
  return nav ? elements(nav, NS.xhtml, 'a').map((a) => ({ href: attr(a, 'href'), label: text(a) })) : [];
}

/** The values of the OPF's `<meta property="...">` elements. */
function metaValues(epub: OpenedEpub, property: string): string[] {
  return elements(epub.opf, NS.opf, 'meta')
    .filter((m) => attr(m, 'property') === property)
    .map(text);
}

describe('EPUB page-list from the print pages', () => {
  let book: string;
  let epubFile: string;
  let pdfFile: string;
  let epub: OpenedEpub;
  let markers: Marker[];

  before(async () => {
    book = copyFixture('page-list');
    const run = await runCli(['build', book]);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /no page-list/);
    epubFile = path.join(book, 'dist', 'page-list.epub');
    pdfFile = path.join(book, 'dist', 'page-list.pdf');
    epub = await openEpub(epubFile);
    markers = markersOf(epub);
  });
  after(removeTempDirs);

  it('marks every printed page of the chapters where its text begins', () => {
    const preflight = JSON.parse(fs.readFileSync(path.join(book, 'dist', 'page-list.preflight.json'), 'utf8')) as { frontMatterPages: number; pages: number };
    assert.equal(Number(pdfinfo(pdfFile).fields.get('Pages')), preflight.pages);
    // Body pages with any text (blank pages before a chapter's opener have none), by folio: the book numbers its front matter in roman.
    const printed = [];
    for (let page = preflight.frontMatterPages + 1; page <= preflight.pages; page++) if (squash(pageText(pdfFile, page))) printed.push(String(page - preflight.frontMatterPages));
    assert.ok(printed.length >= 12, `the fixture prints ${printed.length} pages of chapters`);
    assert.deepEqual(
      markers.map((m) => m.label),
      printed,
    );
    for (const marker of markers) {
      const page = squash(pageText(pdfFile, preflight.frontMatterPages + Number(marker.label)));
      assert.ok(marker.next.length >= 8, `marker ${marker.id} is followed by text`);
      // Korean print justification breaks between syllables: a page may begin inside the word the marker stands before.
      const inWord = [...Array(Math.max(1, marker.word.length)).keys()].some((skip) => page.includes(marker.next.slice(skip)));
      assert.ok(inWord, `p. ${marker.label}: "${marker.next}" (after ${marker.href}#${marker.id}) is not on that printed page:\n${page.slice(0, 200)}`);
    }
  });

  it('lists the markers in order in a hidden page-list nav', () => {
    const list = pageList(epub);
    assert.deepEqual(
      list,
      markers.map((m) => ({ href: `${m.href}#${m.id}`, label: m.label })),
    );
    assert.ok(markers.every((m) => m.id === `page-${m.label}`));
    const nav = entryText(epub.entries, epub.entryName('toc.xhtml'));
    assert.match(nav, /<nav epub:type="page-list" role="doc-pagelist" id="page-list" hidden="hidden" aria-label="[^"]+">/);
    // Each marker is an empty span, never inside a word: the text before it ends a word or a block.
    for (const idref of epub.spine.filter((id) => /^ch\d+$/.test(id))) {
      const xhtml = entryText(epub.entries, epub.entryName(epub.manifest.get(idref)?.href ?? ''));
      for (const [span, before] of [...xhtml.matchAll(/(.)<span epub:type="pagebreak" role="doc-pagebreak" id="[^"]+" aria-label="[^"]+"(?:\/>|><\/span>)/g)].map((m) => [m[0], m[1] ?? ''])) {
        assert.match(before, /[\s>]/, `a marker splits a word: ${span}`);
      }
    }
  });

  it('names the print edition as the source of its page breaks', () => {
    assert.deepEqual(metaValues(epub, 'pageBreakSource'), ['urn:isbn:9791191234565']);
    const features = metaValues(epub, 'schema:accessibilityFeature');
    assert.ok(features.includes('printPageNumbers') && features.includes('pageNavigation'), features.join(', '));
  });

  it('passes EPUBCheck and Ace with the page-list', async () => {
    const [check, violations] = await Promise.all([epubcheck(epubFile), ace(epubFile)]);
    assert.equal(check.fatals + check.errors + check.warnings, 0, formatMessages(check.messages));
    assert.equal(violations.length, 0, formatViolations(violations));
  });

  it('reuses the cached print layout in an EPUB-only build, byte for byte', async () => {
    const first = sha256(epubFile);
    const run = await runCli(['build', book, '--format', 'epub']);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /no page-list|printing chapters/);
    assert.equal(sha256(epubFile), first);
  });

  it('says in one info line that an EPUB-only build of a fresh copy has no page-list', async () => {
    const fresh = copyFixture('page-list');
    const run = await runCli(['build', fresh, '--format', 'epub']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr.split('\n').filter((line) => /info: .*no page-list.*\[page-list\]/.test(line)).length, 1, run.stderr);
    const built = await openEpub(path.join(fresh, 'dist', 'page-list.epub'));
    assert.deepEqual(pageList(built), []);
    assert.deepEqual(markersOf(built), []);
    assert.deepEqual(metaValues(built, 'pageBreakSource'), []);
    assert.ok(!metaValues(built, 'schema:accessibilityFeature').includes('printPageNumbers'));
  });

  it('lays the pages out for an EPUB-only build with pageList: true', async () => {
    const fresh = copyFixture('page-list');
    fs.appendFileSync(path.join(fresh, 'manuscript', 'book.yaml'), 'pageList: true\n');
    const run = await runCli(['build', fresh, '--format', 'epub']);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /no page-list/);
    assert.ok(!fs.existsSync(path.join(fresh, 'dist', 'page-list.pdf')), 'no PDF is written');
    // The same pages as the build with the PDF: the setting changes nothing else in the EPUB.
    assert.equal(sha256(path.join(fresh, 'dist', 'page-list.epub')), sha256(epubFile));
  });
});

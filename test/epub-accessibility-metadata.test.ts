/**
 * Accessibility that tells the truth, end to end on the a11y-parts/ fixture: the EPUB claims
 * EPUB Accessibility 1.1 (WCAG 2.2 AA) only when the book's own checks pass, names a certifier only
 * when book.yaml does, keeps every passage's language as lang and xml:lang (and lang in the printed
 * book's HTML), and `--release` refuses a Markdown image with an empty alt text.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../scripts/config/load.js';
import { Diagnostics } from '../scripts/diagnostics.js';
import { loadManuscript } from '../scripts/manuscript/load.js';
import { chapterDocument } from '../scripts/outputs/pdf/chapter-html.js';
import { releaseNote } from '../scripts/release.js';
import { copyFixture, diagnosticLines, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { openEpub, type OpenedEpub } from './helpers/epub.js';
import { epubcheck, formatMessages, type EpubcheckResult } from './helpers/epubcheck.js';
import { attr, elements, NS, text } from './helpers/xml.js';

const claim = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';
const certifier = 'accessibility:\n  certifiedBy:\n    name: Example Checkers\n    credential: Certified Accessible\n';
// A chapter that fails the checks: a Markdown image with an empty alt, a malformed lang tag.
const badChapter = '# Problems\n\n![](images/chart.png)\n\nA <span lang="en_US">misspelt tag</span>.\n';

/** A copy of the fixture with `yaml` appended to its book.yaml and `chapters` added. */
function variant(yaml: string, chapters: Record<string, string> = {}): string {
  const dir = copyFixture('a11y-parts');
  fs.appendFileSync(path.join(dir, 'manuscript', 'book.yaml'), yaml);
  for (const [name, text] of Object.entries(chapters)) fs.writeFileSync(path.join(dir, 'manuscript', name), text);
  return dir;
}

/** Builds the EPUB of `dir` and opens it. */
async function buildEpub(dir: string, args: string[] = []): Promise<{ run: CliResult; book: OpenedEpub; file: string }> {
  const run = await runCli(['build', dir, '--format', 'epub', ...args]);
  assert.equal(run.code, 0, run.stderr);
  const file = path.join(dir, 'dist', 'a11y-parts.epub');
  return { run, book: await openEpub(file), file };
}

/** The OPF's `<meta>` elements with `property`, as [text, id, refines]. */
function metas(book: OpenedEpub, property: string): string[][] {
  return elements(book.opf, NS.opf, 'meta')
    .filter((m) => attr(m, 'property') === property)
    .map((m) => [text(m), attr(m, 'id'), attr(m, 'refines')]);
}

/** The book.yaml line of `stderr` with the rule `conformance`, if any. */
function conformanceLine(stderr: string): string | undefined {
  return stderr.split('\n').find((line) => line.endsWith('[conformance]'));
}

describe('a11y-parts/: EPUB accessibility conformance, certifier and language of parts', () => {
  let clean: Awaited<ReturnType<typeof buildEpub>>;
  let certified: Awaited<ReturnType<typeof buildEpub>>;
  let failing: Awaited<ReturnType<typeof buildEpub>>;
  let check: EpubcheckResult;
  before(async () => {
    // Two builds at a time at most: each starts a Chromium for the cover.
    [clean, certified] = await Promise.all([buildEpub(copyFixture('a11y-parts')), buildEpub(variant(certifier))]);
    [failing, check] = await Promise.all([buildEpub(variant(certifier, { '02-problems.md': badChapter })), epubcheck(certified.file)]);
  });
  after(removeTempDirs);

  it('should claim EPUB Accessibility 1.1 WCAG 2.2 AA for a book whose checks pass, and name no certifier', () => {
    assert.deepEqual(metas(clean.book, 'dcterms:conformsTo'), [[claim, 'conformance', '']]);
    assert.deepEqual(metas(clean.book, 'a11y:certifiedBy'), []);
    assert.equal(conformanceLine(clean.run.stderr), undefined, clean.run.stderr);
  });

  it('should name the certifier of book.yaml, with the credential refining it, and pass EPUBCheck with 0/0/0', () => {
    assert.deepEqual(metas(certified.book, 'dcterms:conformsTo'), [[claim, 'conformance', '']]);
    assert.deepEqual(metas(certified.book, 'a11y:certifiedBy'), [['Example Checkers', 'certifier', '']]);
    assert.deepEqual(metas(certified.book, 'a11y:certifierCredential'), [['Certified Accessible', '', '#certifier']]);
    assert.equal(check.version.split('.')[0], '5');
    assert.deepEqual([check.fatals, check.errors, check.warnings], [0, 0, 0], formatMessages(check.messages));
  });

  it('should leave out the claim and the certifier when an image lacks alt text, and say why in one warning', () => {
    assert.deepEqual(metas(failing.book, 'dcterms:conformsTo'), []);
    assert.deepEqual(metas(failing.book, 'a11y:certifiedBy'), []);
    const line = conformanceLine(failing.run.stderr);
    assert.ok(line, failing.run.stderr);
    assert.match(line, /^manuscript\/book\.yaml: warning: EPUB: the metadata makes no accessibility conformance claim .* names no certifier \(Example Checkers\): the book has 1 image without a text alternative, 1 lang value that is not a well-formed language tag/);
  });

  it('should warn at their lines about the empty Markdown alt and the malformed lang tag', () => {
    const found = diagnosticLines(failing.run.stderr).filter((d) => d.file === path.join('manuscript', '02-problems.md'));
    assert.deepEqual(found.map((d) => [d.line, d.severity, /\[(\S+)\]$/.exec(d.message)?.[1]]), [
      [3, 'warning', 'image-alt'],
      [5, 'warning', 'lang-tag'],
    ]);
  });

  it('should write each marked passage’s language as lang and xml:lang in the EPUB', async () => {
    const chapter = clean.book.parse('ch01.xhtml');
    const marked = [...chapter.getElementsByTagNameNS(NS.xhtml, '*')].filter((e) => e.hasAttribute('lang') && e.localName !== 'html');
    assert.deepEqual(
      marked.map((e) => [e.localName, attr(e, 'lang'), attr(e, 'lang', NS.xml)]),
      [
        ['span', 'fr', 'fr'],
        ['div', 'ja', 'ja'],
        ['p', 'de-CH', 'de-CH'],
      ],
    );
  });

  it('should keep each marked passage’s lang in the printed book’s HTML', async () => {
    const diagnostics = new Diagnostics();
    const manuscript = await loadManuscript(loadConfig(copyFixture('a11y-parts'), diagnostics), diagnostics);
    const body = chapterDocument(manuscript.chapters[0] as (typeof manuscript.chapters)[number], manuscript.config).body;
    assert.match(body, /<span lang="fr">joie de vivre<\/span>/);
    assert.match(body, /<div lang="ja">/);
    assert.match(body, /<p lang="de-CH">/);
  });

  it('should say that the EPUB’s cover, not a PDF, started Chromium in an EPUB-only build', () => {
    assert.match(clean.run.stderr, /^EPUB cover: using Chromium at /m);
    assert.doesNotMatch(clean.run.stderr, /PDF: using Chromium/);
  });

  it('should refuse a release whose Markdown image has an empty alt text, at its line', async () => {
    const run = await runCli(['build', variant('', { '02-problems.md': badChapter }), '--format', 'epub', '--release']);
    assert.notEqual(run.code, 0);
    const errors = diagnosticLines(run.stderr).filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [d.file, d.line]), [[path.join('manuscript', '02-problems.md'), 3]], run.stderr);
    assert.ok(errors[0]?.message.includes(`has no alt text: describe it in ![...]`) && errors[0].message.includes(releaseNote), run.stderr);
  });
});

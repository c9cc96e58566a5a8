/**
 * Metadata stores match on: a Chinese book with a Latin-letter author name and sorting forms,
 * contributors with MARC roles, a series, BISAC and Thema subjects and an ISBN but no identifier.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyFixture, removeTempDirs, runCli } from './helpers/cli.js';
import { openEpub, type OpenedEpub } from './helpers/epub.js';
import { epubcheck, formatMessages, type EpubcheckResult } from './helpers/epubcheck.js';
import { pdfinfo } from './helpers/poppler.js';
import { attr, elements, NS, text } from './helpers/xml.js';

describe('store-metadata/: EPUB 3 metadata for the stores', () => {
  let dir: string;
  let book: OpenedEpub;
  let check: EpubcheckResult;
  before(async () => {
    dir = copyFixture('store-metadata');
    const run = await runCli(['build', dir]);
    assert.equal(run.code, 0, run.stderr);
    const epub = path.join(dir, 'dist', 'store-metadata.epub');
    [book, check] = await Promise.all([openEpub(epub), epubcheck(epub)]);
  });
  after(removeTempDirs);

  /** The DC elements named `name`, as [id, text]. */
  const dc = (name: string): [string, string][] => elements(book.opf, NS.dc, name).map((e) => [attr(e, 'id'), text(e)]);
  /** The refinements of the element with `id`, as [property, text, xml:lang]. */
  const refines = (id: string): string[][] =>
    elements(book.opf, NS.opf, 'meta')
      .filter((m) => attr(m, 'refines') === `#${id}`)
      .map((m) => [attr(m, 'property'), text(m), attr(m, 'lang', NS.xml)].filter(Boolean));

  it('should pass EPUBCheck with no fatal error, error or warning', () => {
    assert.deepEqual([check.fatals, check.errors, check.warnings], [0, 0, 0], formatMessages(check.messages));
  });

  it('should name Chinese by its script and use the ISBN as the identifier', () => {
    assert.deepEqual(dc('language'), [['', 'zh-Hans']]);
    assert.deepEqual(dc('identifier'), [['pub-id', 'urn:isbn:9788968481239']]);
    assert.deepEqual(refines('pub-id'), [['identifier-type', '15']]);
  });

  it('should type the titles and give the main one its sorting form', () => {
    assert.deepEqual(dc('title'), [['title', '容器入门'], ['subtitle', '从零开始']]);
    assert.deepEqual(refines('title'), [['title-type', 'main'], ['file-as', 'Rongqi Rumen']]);
    assert.deepEqual(refines('subtitle'), [['title-type', 'subtitle']]);
  });

  it('should give authors and contributors their MARC roles, Latin-letter name and sorting form', () => {
    assert.deepEqual(dc('creator'), [['creator-1', '张三'], ['creator-2', '李四']]);
    assert.deepEqual(refines('creator-1'), [['role', 'aut'], ['alternate-script', 'Zhang San', 'en'], ['file-as', 'Zhang, San']]);
    assert.deepEqual(refines('creator-2'), [['role', 'aut']]);
    assert.deepEqual(dc('contributor'), [['contributor-3', '王五'], ['contributor-4', 'Jane Doe']]);
    assert.deepEqual(refines('contributor-3'), [['role', 'trl'], ['file-as', 'Wang, Wu']]);
    assert.deepEqual(refines('contributor-4'), [['role', 'ill']]);
    const roles = elements(book.opf, NS.opf, 'meta').filter((m) => attr(m, 'property') === 'role');
    assert.ok(roles.every((m) => attr(m, 'scheme') === 'marc:relators'));
  });

  it('should state the series as a collection with its position', () => {
    const series = elements(book.opf, NS.opf, 'meta').filter((m) => attr(m, 'property') === 'belongs-to-collection');
    assert.deepEqual(series.map((m) => [attr(m, 'id'), text(m)]), [['series', '容器丛书']]);
    assert.deepEqual(refines('series'), [['collection-type', 'series'], ['group-position', '2']]);
  });

  it('should give coded subjects their scheme and code, free ones as written', () => {
    assert.deepEqual(dc('subject'), [['subject-1', 'COMPUTERS / Programming / General'], ['subject-2', 'UMX'], ['', '容器']]);
    assert.deepEqual(refines('subject-1'), [['authority', 'BISAC'], ['term', 'COM051000']]);
    assert.deepEqual(refines('subject-2'), [['authority', 'THEMA'], ['term', 'UMX']]);
  });

  it('should name the authors in the PDF by their names, and keep its language as written', () => {
    const fields = pdfinfo(path.join(dir, 'dist', 'store-metadata.pdf')).fields;
    assert.equal(fields.get('Author'), '张三, 李四');
    assert.equal(fields.get('Keywords'), 'COMPUTERS / Programming / General UMX 容器');
  });
});

/** The book configuration: book.yaml loading and validation, print geometry, labels. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { cjkScript, storeLanguageTag, textDirection } from '../../scripts/config/language.js';
import { labelKeys, labelsFor } from '../../scripts/config/labels.js';
import { loadConfig, uuidFrom, type BookConfig } from '../../scripts/config/load.js';
import { resolvePrint, toMm } from '../../scripts/config/print.js';
import { BuildError, Diagnostics } from '../../scripts/diagnostics.js';
import { plain, tempTree, type PlainDiagnostic } from './helpers.js';

describe('loadConfig (config/load.ts, schema.ts)', () => {
  const required = 'title: 도커를 익히다\nauthor: 주길재\nlanguage: ko\nidentifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n';

  const savedEpoch = process.env.SOURCE_DATE_EPOCH;
  beforeEach(() => {
    delete process.env.SOURCE_DATE_EPOCH;
  });
  afterEach(() => {
    if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = savedEpoch;
  });

  /** Loads the config of a new book whose book.yaml is `yaml` (plus other `files`). */
  function load(yaml: string, files: Record<string, string> = {}): { config: BookConfig; diagnostics: PlainDiagnostic[]; root: string } {
    const root = tempTree({ 'manuscript/book.yaml': yaml, ...files });
    const diagnostics = new Diagnostics();
    return { config: loadConfig(root, diagnostics), diagnostics: diagnostics.list.map(plain), root };
  }

  /** Loads a book.yaml that must fail, and returns the errors reported before the throw. */
  function failing(yaml: string): { error: unknown; diagnostics: PlainDiagnostic[] } {
    const root = tempTree({ 'manuscript/book.yaml': yaml });
    const diagnostics = new Diagnostics();
    try {
      loadConfig(root, diagnostics);
    } catch (error) {
      return { error, diagnostics: diagnostics.list.map(plain) };
    }
    assert.fail('loadConfig should have thrown');
  }

  test('should resolve a minimal book.yaml with every default', () => {
    const { config, diagnostics, root } = load(required);
    assert.deepEqual(diagnostics, []);
    assert.equal(config.title, '도커를 익히다');
    assert.deepEqual(config.authors, ['주길재']);
    assert.equal(config.language, 'ko');
    assert.equal(config.identifier, 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e');
    assert.equal(config.layout.metadataFile, path.join(root, 'manuscript', 'book.yaml'));
    assert.equal(config.layout.chaptersDir, path.join(root, 'manuscript'));
    assert.equal(config.layout.assetsDir, path.join(root, 'assets'));
    assert.equal(config.layout.distDir, path.join(root, 'dist'));
    assert.deepEqual(config.subjects, []);
    assert.equal(config.output, path.basename(root).replace(/[^A-Za-z0-9._-]+/g, '-'));
    assert.equal(config.labels.toc, '차례');
    assert.equal(config.print.trimName, '신국판');
    // No accessibility values of the author's: the EPUB tells them from what the chapters hold.
    assert.deepEqual(config.accessibility, {});
    assert.equal(config.modified.toISOString(), '2000-01-01T00:00:00.000Z');
    for (const key of ['subtitle', 'publisher', 'date', 'cover', 'chapters', 'isbn'] as const) assert.equal(config[key], undefined, key);
  });

  test('should take the optional fields as written, with the ISBN compacted', () => {
    const { config } = load(`${required}subtitle: 입문\npublisher: 출판사\ndate: 2021-04-29\nisbn: 979-11-000000-0-7\nsubjects: [Docker]\noutput: docker-book\nchapters: [a.md, b.md]\n`);
    assert.equal(config.subtitle, '입문');
    assert.equal(config.publisher, '출판사');
    assert.equal(config.date, '2021-04-29');
    assert.equal(config.isbn, '9791100000007');
    assert.equal(config.isbnType, '15');
    assert.deepEqual(config.subjects, [{ name: 'Docker' }]);
    assert.equal(config.output, 'docker-book');
    assert.deepEqual(config.chapters, [
      { path: 'a.md', line: 11, column: 12 },
      { path: 'b.md', line: 11, column: 18 },
    ]);
  });

  test('should read authors with Latin and sorting forms, contributors with MARC roles, a series and coded subjects', () => {
    const yaml = required.replace('author: 주길재', 'author:\n  - {name: 주길재, latin: Joo Gil-jae, file-as: "Joo, Gil-jae"}\n  - 홍길동') +
      'contributors:\n  - {name: 김번역, role: trl}\nseries: {name: 도커 시리즈, position: 2}\nsubjects:\n  - {code: COM051000, scheme: BISAC, name: "COMPUTERS / Programming"}\n  - {code: UMX, scheme: THEMA}\n  - 도커\ntitleFileAs: Docker\n';
    const { config, diagnostics } = load(yaml);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(config.authors, ['주길재', '홍길동']);
    assert.deepEqual(config.people, [
      { name: '주길재', role: 'aut', latin: 'Joo Gil-jae', fileAs: 'Joo, Gil-jae' },
      { name: '홍길동', role: 'aut' },
      { name: '김번역', role: 'trl' },
    ]);
    assert.deepEqual(config.series, { name: '도커 시리즈', position: '2' });
    assert.deepEqual(config.subjects, [
      { name: 'COMPUTERS / Programming', scheme: 'BISAC', code: 'COM051000' },
      { name: 'UMX', scheme: 'THEMA', code: 'UMX' },
      { name: '도커' },
    ]);
    assert.equal(config.titleFileAs, 'Docker');
  });

  test('should report an unknown contributor role, a bad series position and a subject scheme at their lines', () => {
    const yaml = `${required}contributors:\n  - name: 김번역\n    role: translator\nseries:\n  name: 도커 시리즈\n  position: first\nsubjects:\n  - {code: X, scheme: DEWEY}\n`;
    const { diagnostics } = failing(yaml);
    const errors = diagnostics.map((d) => [d.line, d.message.split(':')[0]]);
    assert.deepEqual(errors, [
      [7, 'contributors.0.role'],
      [10, 'series.position'],
      [12, 'subjects.0'],
    ]);
    assert.match(diagnostics[0]!.message, /MARC relator code: aut \(author\), trl \(translator\), edt \(editor\), ill \(illustrator\)/);
  });

  test('should keep the derived identifier of plain-string authors, and derive one from object authors by name', () => {
    const plainId = load(required.replace(/identifier: .*\n/, '')).config.identifier;
    assert.equal(plainId, `urn:uuid:${uuidFrom('도커를 익히다\n주길재')}`);
    assert.equal(load(required.replace(/identifier: .*\n/, '').replace('author: 주길재', 'author: {name: 주길재, latin: Joo Gil-jae}')).config.identifier, plainId);
  });

  test('should flatten transparency in the EPUB unless the book keeps it', () => {
    assert.deepEqual(load(required).config.epub, { keepTransparency: false });
    assert.deepEqual(load(`${required}epub: {keepTransparency: true}\n`).config.epub, { keepTransparency: true });
  });

  test('should accept a list of authors', () => {
    assert.deepEqual(load(required.replace('author: 주길재', 'author: [주길재, 홍길동]')).config.authors, ['주길재', '홍길동']);
  });

  test('should read book.yml too', () => {
    const root = tempTree({ 'manuscript/book.yml': required });
    assert.equal(loadConfig(root, new Diagnostics()).title, '도커를 익히다');
  });

  test('should name the key and its line for an invalid value', () => {
    const { error, diagnostics } = failing('title: T\nauthor: A\nlanguage: korean\nidentifier: id\n');
    assert.ok(error instanceof BuildError);
    assert.deepEqual(diagnostics, [
      { severity: 'error', message: 'language: must be a BCP 47 language tag such as ko, en or pt-BR', file: path.join('manuscript', 'book.yaml'), line: 3, column: 11 },
    ]);
  });

  test('should name nested keys with dots', () => {
    const { diagnostics } = failing(`${required}print:\n  margins:\n    top: 2 cm\n`);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.message, 'print.margins.top: must be a length such as 20mm, 0.75in or 12pt');
    assert.equal(diagnostics[0]?.line, 7);
  });

  test('should refuse a section break other than page or none, at its line', () => {
    const { diagnostics } = failing(`${required}print:\n  trim: A5\n  sectionBreak: right\n`);
    assert.deepEqual(
      diagnostics.map((d) => [d.message, d.line]),
      [['print.sectionBreak: must be page (each nested section on a new page) or none (it continues on the same page)', 7]],
    );
    assert.equal(load(`${required}print:\n  sectionBreak: none\n`).config.print.sectionBreak, 'none');
  });

  test('should break Korean between words unless the book asks for syllables, and refuse anything else at its line', () => {
    assert.equal(load(required).config.print.koreanLineBreak, 'word');
    assert.equal(load(`${required}print:\n  koreanLineBreak: syllable\n`).config.print.koreanLineBreak, 'syllable');
    const { diagnostics } = failing(`${required}print:\n  koreanLineBreak: char\n`);
    assert.deepEqual(
      diagnostics.map((d) => [d.message, d.line]),
      [['print.koreanLineBreak: must be word (lines break between words) or syllable (justified text breaks between syllables)', 6]],
    );
  });

  test('should report an unknown key at its line', () => {
    const { diagnostics } = failing(`${required}titel: typo\n`);
    assert.deepEqual(
      diagnostics.map((d) => [d.message, d.line]),
      [['titel: is not a known field', 5]],
    );
  });

  test('should take a title book.yaml leaves out from the first heading, saying so with the line that would pin it', () => {
    const { config, diagnostics } = load('author: A\nlanguage: ko\nidentifier: id\n', { 'manuscript/a.md': '# 첫 장\n\n본문.\n' });
    assert.equal(config.title, '첫 장');
    assert.deepEqual(diagnostics, [
      { severity: 'info', message: 'title "첫 장" from the first heading of manuscript/a.md; to pin it, write in book.yaml: title: 첫 장', file: path.join('manuscript', 'a.md') },
    ]);
  });

  test('should report every problem of the file at once', () => {
    const { diagnostics } = failing('title: ""\nauthor: []\nlanguage: ko\nidentifier: id\ndate: 29.04.2021\n');
    assert.deepEqual(
      diagnostics.map((d) => d.message.split(':')[0]),
      ['title', 'author', 'date'],
    );
  });

  test('should refuse a book.yaml that is a list or a single value, not a mapping of fields', () => {
    const list = failing('- title\n- author\n');
    assert.ok(list.error instanceof BuildError);
    assert.deepEqual(list.diagnostics, [
      { severity: 'error', message: 'book.yaml must be a mapping of fields (title: …, author: …), not a list', file: path.join('manuscript', 'book.yaml'), line: 1, column: 1 },
    ]);
    assert.deepEqual(failing('# my book\nDocker\n').diagnostics.map((d) => [d.message, d.line]), [['book.yaml must be a mapping of fields (title: …, author: …), not a single value', 2]]);
  });

  test('should refuse dates that do not exist, at their line', () => {
    for (const date of ['2021-13-45', '2021-02-30', '2023-02-29', '2021-00', '2021-04-31']) {
      const { error, diagnostics } = failing(`${required}date: ${date}\n`);
      assert.ok(error instanceof BuildError, date);
      assert.deepEqual(
        diagnostics.map((d) => [d.message, d.line]),
        [[`date: must be a date that exists: there is no ${date}`, 5]],
        date,
      );
    }
    assert.equal(load(`${required}date: 2024-02-29\n`).config.date, '2024-02-29');
    assert.equal(load(`${required}date: 2021-12\n`).config.date, '2021-12');
  });

  test('should refuse a urn:uuid identifier that is no UUID, at its line', () => {
    const { diagnostics } = failing('title: T\nauthor: A\nlanguage: ko\nidentifier: urn:uuid:1\n');
    assert.deepEqual(diagnostics.map((d) => [d.line, d.message.split(':')[0]]), [[4, 'identifier']]);
  });

  test('should read numbers in text fields as written (title: 1984, date: 2021)', () => {
    const { config } = load('title: 1984\nauthor: 0042\nlanguage: en\nidentifier: urn:isbn:9780306406157\ndate: 2021\n');
    assert.deepEqual([config.title, config.authors, config.date], ['1984', ['0042'], '2021']);
  });

  test('should refuse an ISBN whose check digit is wrong, at its line', () => {
    const { error, diagnostics } = failing(`${required}isbn: 978-0-00-000000-0\n`);
    assert.ok(error instanceof BuildError);
    assert.deepEqual(diagnostics, [
      {
        severity: 'error',
        message: 'isbn: the check digit is wrong: for its other digits 978-0-00-000000-0 would end in 2; look for a mistyped digit',
        file: path.join('manuscript', 'book.yaml'),
        line: 5,
        column: 7,
      },
    ]);
    assert.match(failing(`${required}isbn: 0-306-40615-3\n`).diagnostics[0]?.message ?? '', /^isbn: the check digit is wrong: .* would end in 2;/);
    assert.deepEqual(failing(`${required}isbn: 978-0-306-40615-X\n`).diagnostics.map((d) => d.message), ['isbn: must be an ISBN-10 or ISBN-13']);
  });

  test('should take ISBN-10 and ISBN-13, quoted or not, and give their ONIX identifier type', () => {
    const isbns = ['978-0-306-40615-7', '9780306406157', '"0-306-40615-2"', '0306406152', '"0-8044-2957-x"'].map((isbn) => {
      const { config } = load(`${required}isbn: ${isbn}\n`);
      return [isbn, config.isbn, config.isbnType];
    });
    assert.deepEqual(isbns, [
      ['978-0-306-40615-7', '9780306406157', '15'],
      ['9780306406157', '9780306406157', '15'],
      ['"0-306-40615-2"', '0306406152', '02'],
      ['0306406152', '0306406152', '02'],
      ['"0-8044-2957-x"', '080442957X', '02'],
    ]);
  });

  test('should refuse margins that leave no room for text, at the margin to blame', () => {
    const { error, diagnostics } = failing(`${required}print:\n  trim: A5\n  margins:\n    top: 150mm\n    bottom: 50mm\n    inner: 80mm\n    outer: 80mm\n`);
    assert.ok(error instanceof BuildError);
    assert.deepEqual(
      diagnostics.map((d) => [d.message, d.file, d.line]),
      [
        [
          'print.margins.inner: the inner and outer margins (160mm together) leave nothing of the 148mm page width for text; the text block must be at least 20mm',
          path.join('manuscript', 'book.yaml'),
          10,
        ],
        ['print.margins.top: the top and bottom margins (200mm together) leave 10mm of the 210mm page height for text; the text block must be at least 20mm', path.join('manuscript', 'book.yaml'), 8],
      ],
    );
  });

  test('should blame a custom trim too small for the default margins', () => {
    const { diagnostics } = failing(`${required}print:\n  trim: { width: 50mm, height: 225mm }\n`);
    assert.deepEqual(
      diagnostics.map((d) => [d.message.split(':')[0], d.line]),
      [['print.trim.width', 6]],
    );
  });

  test('should refuse a trim of zero or more than a metre, a bleed over 20mm and a font size outside 4pt to 72pt', () => {
    const { diagnostics } = failing(`${required}print:\n  trim: { width: 0mm, height: 2m }\n`);
    assert.deepEqual(diagnostics.map((d) => d.message), ['print.trim.width: must be more than 0mm and at most 1000mm', 'print.trim.height: must be a length such as 20mm, 0.75in or 12pt']);
    const wrong = failing(`${required}print:\n  trim:\n    width: 0mm\n    height: 1001mm\n  bleed: 25mm\n  fontSize: 400pt\n`).diagnostics;
    assert.deepEqual(
      wrong.map((d) => [d.message, d.line]),
      [
        ['print.trim.width: must be more than 0mm and at most 1000mm', 7],
        ['print.trim.height: must be more than 0mm and at most 1000mm', 8],
        ['print.bleed: must be at most 20mm (printers usually ask for 3mm)', 9],
        ['print.fontSize: must be between 4pt and 72pt', 10],
      ],
    );
    assert.deepEqual(failing(`${required}print:\n  fontSize: 3pt\n`).diagnostics.map((d) => d.message), ['print.fontSize: must be between 4pt and 72pt']);
    const edges = load(`${required}print:\n  trim: { width: 1000mm, height: 1000mm }\n  bleed: 20mm\n  fontSize: 72pt\n`).config.print;
    assert.deepEqual([edges.trimWidth, edges.bleed, edges.fontSize], [1000, 20, 72]);
    assert.equal(load(`${required}print:\n  fontSize: 4pt\n`).config.print.fontSize, 4);
  });

  test('should check the print geometry alongside the other fields', () => {
    const { diagnostics } = failing(`${required}date: 2021-02-30\nprint:\n  margins: { inner: 100mm, outer: 100mm }\n`);
    assert.deepEqual(
      diagnostics.map((d) => [d.message.split(':')[0], d.line]),
      [
        ['date', 5],
        ['print.margins.inner', 7],
      ],
    );
  });

  test('should report broken YAML at its line and throw', () => {
    const { error, diagnostics } = failing('title: T\nauthor: [A\n');
    assert.ok(error instanceof BuildError);
    assert.equal(error.message, `${path.join('manuscript', 'book.yaml')} is not valid YAML`);
    assert.match(diagnostics[0]?.message ?? '', /^invalid YAML: /);
    assert.equal(diagnostics[0]?.severity, 'error');
  });

  test('should warn about label keys the tool does not use', () => {
    const { config, diagnostics } = load(`${required}labels:\n  toc: 목차\n  index: 찾아보기\n`);
    assert.equal(config.labels.toc, '목차');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.severity, 'warning');
    assert.match(diagnostics[0]?.message ?? '', /^labels\.index is not a label this tool uses/);
  });

  test('should take modified from SOURCE_DATE_EPOCH before the date', () => {
    process.env.SOURCE_DATE_EPOCH = '1600000000';
    assert.equal(load(`${required}date: 2021-04-29\n`).config.modified.toISOString(), '2020-09-13T12:26:40.000Z');
  });

  test('should take modified from the date without SOURCE_DATE_EPOCH, completing a partial date', () => {
    assert.equal(load(`${required}date: 2021-04-29\n`).config.modified.toISOString(), '2021-04-29T00:00:00.000Z');
    assert.equal(load(`${required}date: 2021-04\n`).config.modified.toISOString(), '2021-04-01T00:00:00.000Z');
    assert.equal(load(`${required}date: "2021"\n`).config.modified.toISOString(), '2021-01-01T00:00:00.000Z');
  });

  test('should ignore a SOURCE_DATE_EPOCH that is not a number', () => {
    process.env.SOURCE_DATE_EPOCH = 'yesterday';
    assert.equal(load(`${required}date: 2021-04-29\n`).config.modified.toISOString(), '2021-04-29T00:00:00.000Z');
  });

  test('should resolve the cover inside the book and report one that is missing or outside', () => {
    const found = load(`${required}cover: assets/cover.png\n`, { 'assets/cover.png': 'x' });
    assert.equal(found.config.cover, path.join(found.root, 'assets', 'cover.png'));
    const missing = load(`${required}cover: assets/none.png\n`);
    assert.equal(missing.config.cover, undefined);
    assert.deepEqual(missing.diagnostics, [
      { severity: 'error', message: 'cover: assets/none.png does not exist', file: path.join('manuscript', 'book.yaml'), line: 5, column: 8 },
    ]);
    const outside = load(`${required}cover: ../cover.png\n`);
    assert.deepEqual(outside.diagnostics.map((d) => [d.message, d.line]), [['cover: ../cover.png is outside the book folder', 5]]);
  });

  test('should derive a stable identifier with a warning when book.yaml names none, from the ISBN when there is one', () => {
    const first = load('title: 책\nauthor: [갑, 을]\nlanguage: ko\n');
    const again = load('title: 책\nauthor: [갑, 을]\nlanguage: ko\n');
    assert.match(first.config.identifier, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.equal(again.config.identifier, first.config.identifier);
    assert.deepEqual(first.diagnostics.map((d) => [d.severity, d.file, d.message.split(';')[0]]), [['warning', path.join('manuscript', 'book.yaml'), 'identifier: not set']]);
    const withIsbn = load('title: 책\nauthor: 갑\nlanguage: ko\nisbn: 978-89-6626-123-9\n');
    assert.equal(withIsbn.config.identifier, 'urn:isbn:9788966261239');
  });

  test('should build without book.yaml: the title from the first heading, the language from the text, author unknown with a warning', () => {
    const root = tempTree({ 'manuscript/a.md': '# A\n\nSome English prose.\n' });
    const diagnostics = new Diagnostics();
    const config = loadConfig(root, diagnostics);
    assert.equal(config.title, 'A');
    assert.deepEqual(config.authors, ['Unknown']);
    assert.equal(config.language, 'en');
    assert.match(config.identifier, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(config.layout.metadataFile, undefined);
    assert.deepEqual(diagnostics.list.map(plain).map((d) => [d.severity, d.message.split(' ').slice(0, 2).join(' ')]), [
      ['info', 'title "A"'],
      ['info', 'language "en"'],
      ['warning', 'author: not'],
      ['warning', 'identifier: not'],
    ]);
  });

  test('should refuse a folder with no book in it', () => {
    const root = tempTree({ 'notes.txt': '' });
    assert.throws(() => loadConfig(root, new Diagnostics()), (e: unknown) => e instanceof BuildError && /is not a book folder: it has no manuscript\/ folder, book\.toml/.test(e.message));
  });

  test('should derive a stable UUID from text', () => {
    assert.equal(uuidFrom('book'), uuidFrom('book'));
    assert.notEqual(uuidFrom('book'), uuidFrom('other'));
  });
});

describe('config/print.ts', () => {
  test('should default to 신국판 152×225 mm with the default margins and no bleed', () => {
    assert.deepEqual(resolvePrint({}), {
      trimWidth: 152,
      trimHeight: 225,
      trimName: '신국판',
      margins: { top: 20, bottom: 22, inner: 22, outer: 16 },
      bleed: 0,
      cropMarks: false,
      romanFrontMatter: true,
      fontSize: 10,
      sectionBreak: 'page',
      linkAddresses: 'after',
      koreanLineBreak: 'word',
    });
  });

  test('should resolve every trim preset to its size', () => {
    const sizes = (['A5', 'B5', '신국판', 'shinguk', '6x9', 'US-trade'] as const).map((trim) => {
      const p = resolvePrint({ trim });
      return [trim, p.trimWidth, p.trimHeight, p.trimName];
    });
    assert.deepEqual(sizes, [
      ['A5', 148, 210, 'A5'],
      ['B5', 182, 257, 'B5'],
      ['신국판', 152, 225, '신국판'],
      ['shinguk', 152, 225, 'shinguk'],
      ['6x9', 152.4, 228.6, '6x9'],
      ['US-trade', 152.4, 228.6, 'US-trade'],
    ]);
  });

  test('should accept a custom size in any unit', () => {
    const p = resolvePrint({ trim: { width: '15cm', height: '8.5in' } });
    assert.equal(p.trimName, 'custom');
    assert.equal(p.trimWidth, 150);
    assert.ok(Math.abs(p.trimHeight - 215.9) < 1e-9);
  });

  test('should turn on crop marks with a bleed unless told otherwise', () => {
    assert.equal(resolvePrint({ bleed: '3mm' }).cropMarks, true);
    assert.equal(resolvePrint({ bleed: '3mm' }).bleed, 3);
    assert.equal(resolvePrint({ bleed: '0mm' }).cropMarks, false);
    assert.equal(resolvePrint({ bleed: '3mm', cropMarks: false }).cropMarks, false);
  });

  test('should keep given margins and default the rest', () => {
    assert.deepEqual(resolvePrint({ margins: { top: '1in', outer: 0 } }).margins, { top: 25.4, bottom: 22, inner: 22, outer: 0 });
  });

  test('should give the font size in points', () => {
    assert.ok(Math.abs(resolvePrint({ fontSize: '11pt' }).fontSize - 11) < 1e-9);
    assert.ok(Math.abs(resolvePrint({ fontSize: '4mm' }).fontSize - (4 * 72) / 25.4) < 1e-9);
  });

  test('should convert lengths to millimetres', () => {
    assert.equal(toMm('20mm'), 20);
    assert.equal(toMm('2cm'), 20);
    assert.equal(toMm('1in'), 25.4);
    assert.ok(Math.abs(toMm('72pt') - 25.4) < 1e-9);
    assert.ok(Math.abs(toMm('96px') - 25.4) < 1e-9);
    assert.equal(toMm(0), 0);
    assert.throws(() => toMm('2 cm'), /not a length: 2 cm/);
  });
});

describe('config/labels.ts', () => {
  test('should give Korean labels for ko', () => {
    const labels = labelsFor('ko');
    assert.equal(labels.toc, '차례');
    assert.equal(labels.footnotes, '각주');
    assert.equal(labels.backToText, '본문으로');
  });

  test('should give English labels for en', () => {
    assert.equal(labelsFor('en').toc, 'Contents');
    assert.equal(labelsFor('en').footnotes, 'Footnotes');
  });

  test('should choose by the primary subtag, in any case', () => {
    assert.equal(labelsFor('ko-KR').toc, '차례');
    assert.equal(labelsFor('KO').toc, '차례');
  });

  test('should fall back to English for a language without labels', () => {
    assert.deepEqual(labelsFor('fi'), labelsFor('en'));
  });

  test('should apply overrides and ignore empty or unknown ones', () => {
    const labels = labelsFor('ko', { toc: '목차', footnotes: '', index: '찾아보기' });
    assert.equal(labels.toc, '목차');
    assert.equal(labels.footnotes, '각주');
    assert.equal('index' in labels, false);
  });

  test('should not change the built-in labels when overriding', () => {
    labelsFor('ko', { toc: '목차' });
    assert.equal(labelsFor('ko').toc, '차례');
  });

  test('should give every language every label key', () => {
    for (const language of ['en', 'ko', 'ja', 'zh', 'de', 'fr', 'es']) {
      assert.deepEqual(Object.keys(labelsFor(language)).sort(), [...labelKeys].sort(), language);
    }
  });
});

describe('config/language.ts', () => {
  test('should tell the CJK writing of a language tag, Traditional Chinese by script or region', () => {
    const cases: [string, string | undefined][] = [['ko', 'ko'], ['ja-JP', 'ja'], ['zh', 'zh-Hans'], ['zh-CN', 'zh-Hans'], ['zh-Hant', 'zh-Hant'], ['zh-TW', 'zh-Hant'], ['zh-HK', 'zh-Hant'], ['en', undefined]];
    for (const [tag, script] of cases) assert.equal(cjkScript(tag), script, tag);
  });

  test('should name Chinese by script for the stores, and leave other tags as written', () => {
    const cases: [string, string][] = [['zh-CN', 'zh-Hans'], ['zh-SG', 'zh-Hans'], ['zh-TW', 'zh-Hant'], ['zh-HK', 'zh-Hant'], ['zh-Hant', 'zh-Hant'], ['zh', 'zh'], ['ko-KR', 'ko-KR'], ['pt-BR', 'pt-BR']];
    for (const [tag, store] of cases) assert.equal(storeLanguageTag(tag), store, tag);
  });

  test('should read right-to-left languages and scripts from the language tag', () => {
    for (const tag of ['ar', 'he', 'fa-IR', 'ur', 'yi', 'az-Arab', 'pa-Arab-PK']) assert.equal(textDirection(tag), 'rtl', tag);
    for (const tag of ['ko', 'en', 'zh-Hant-TW', 'ar-Latn', 'tr', 'hi']) assert.equal(textDirection(tag), 'ltr', tag);
  });
});

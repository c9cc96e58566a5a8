/**
 * End-to-end tests of the EPUB output: the real CLI builds the sample book and the fixture books
 * in test/fixtures/ (each copied to a temporary folder), then EPUBCheck and a strict XML parser
 * look at what came out. Every book is built once, in `before`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import {
  copyFixture,
  copySampleBook,
  diagnosticLines,
  fixturesDir,
  lineOf,
  listFiles,
  mapLimit,
  removeTempDirs,
  runCli,
  sha256,
  type CliResult,
} from './helpers/cli.js';
import { epubcheck, formatMessages, type EpubcheckResult } from './helpers/epubcheck.js';
import { flattenToc, navElement, navTree, ncxTree, openEpub, type OpenedEpub, type TocNode } from './helpers/epub.js';
import { sniffMediaType } from './helpers/png.js';
import { attr, elements, NS, text } from './helpers/xml.js';

/** A book folder after one CLI run. */
interface Built {
  dir: string;
  result: CliResult;
  /** Where the EPUB should be. */
  epub: string;
}

const books = {
  sample: { copy: copySampleBook, output: 'docker-book', args: [] as string[] },
  features: { copy: () => copyFixture('features'), output: 'features-book', args: [] as string[] },
  featuresAgain: { copy: () => copyFixture('features'), output: 'features-book', args: [] as string[] },
  featuresStrict: { copy: () => copyFixture('features'), output: 'features-book', args: ['--strict'] },
  dozen: { copy: () => copyFixture('dozen'), output: 'dozen', args: [] as string[] },
  summary: { copy: () => copyFixture('summary'), output: 'summary-book', args: [] as string[] },
  escape: { copy: () => copyFixture('escape'), output: 'escape', args: [] as string[] },
  badMetadata: { copy: () => copyFixture('bad-metadata'), output: 'bad-metadata', args: [] as string[] },
};
type BookName = keyof typeof books;

const built = {} as Record<BookName, Built>;
const checks = {} as Record<'sample' | 'features' | 'dozen' | 'summary', Promise<EpubcheckResult>>;
const opened = new Map<BookName, Promise<OpenedEpub>>();

/** Whether EPUBCheck looks at this book (the others are not meant to build, or are copies). */
function isChecked(name: BookName): name is keyof typeof checks {
  return name === 'sample' || name === 'features' || name === 'dozen' || name === 'summary';
}

/** The opened EPUB of a book that must have built. */
function epubOf(name: BookName): Promise<OpenedEpub> {
  let promise = opened.get(name);
  if (!promise) {
    const { epub, result } = built[name];
    assert.equal(result.code, 0, `the build of ${name} failed:\n${result.stderr}`);
    promise = openEpub(epub);
    opened.set(name, promise);
  }
  return promise;
}

/** The chapter documents in spine order (cover, title page, copyright page and nav left out), parsed. */
async function chapters(name: BookName): Promise<{ href: string; doc: Document; raw: string }[]> {
  const book = await epubOf(name);
  return book.spine
    .map((idref) => book.manifest.get(idref))
    .filter((item): item is NonNullable<typeof item> => !!item && /^ch\d+\.xhtml$/.test(item.href))
    .map((item) => ({ href: item.href, doc: book.parse(item.href), raw: (book.entries.get(book.entryName(item.href)) as Buffer).toString('utf8') }));
}

/** The chapter document whose file name is `href`. */
async function chapter(name: BookName, href: string): Promise<Document> {
  const found = (await chapters(name)).find((c) => c.href === href);
  assert.ok(found, `${href} is not a chapter of ${name}`);
  return found.doc;
}

/** Every XHTML element `localName` in a document. */
function html(doc: Document | Element, localName: string): Element[] {
  return elements(doc, NS.xhtml, localName);
}

/** The nav document's TOC as a tree. */
async function tocOf(name: BookName): Promise<TocNode[]> {
  const book = await epubOf(name);
  const navItem = [...book.manifest.values()].find((i) => i.properties.includes('nav'));
  assert.ok(navItem, 'no manifest item has properties="nav"');
  const toc = navElement(book.parse(navItem.href), 'toc');
  assert.ok(toc, 'the nav document has no epub:type="toc" nav');
  const list = html(toc, 'ol')[0];
  assert.ok(list, 'the toc nav has no list');
  return navTree(list);
}

/** The NCX's navMap as a tree. */
async function ncxOf(name: BookName): Promise<TocNode[]> {
  const book = await epubOf(name);
  const ncxItem = [...book.manifest.values()].find((i) => i.mediaType === 'application/x-dtbncx+xml');
  assert.ok(ncxItem, 'the manifest has no NCX');
  const navMap = elements(book.parse(ncxItem.href), NS.ncx, 'navMap')[0];
  assert.ok(navMap, 'the NCX has no navMap');
  return ncxTree(navMap);
}

/** Asserts EPUBCheck found nothing at all to complain about. */
async function assertClean(name: keyof typeof checks): Promise<void> {
  const result = await checks[name];
  assert.deepEqual({ fatals: result.fatals, errors: result.errors, warnings: result.warnings }, { fatals: 0, errors: 0, warnings: 0 }, formatMessages(result.messages));
}

/** The diagnostic the CLI printed for `file` at `line` whose message matches `pattern`. */
function findDiagnostic(stderr: string, file: string, line: number, pattern: RegExp) {
  return diagnosticLines(stderr).find((d) => d.file === file && d.line === line && pattern.test(d.message));
}

const featuresSource = (file: string): string => path.join(fixturesDir, 'features', 'manuscript', file);

before(async () => {
  const names = Object.keys(books) as BookName[];
  // Two CPUs are the norm in CI: build two books at a time, and check each EPUB as soon as it is
  // written, so EPUBCheck's JVMs overlap with the remaining builds.
  await mapLimit(names, 2, async (name) => {
    const dir = books[name].copy();
    const result = await runCli(['build', dir, '--format', 'epub', ...books[name].args]);
    const epub = path.join(dir, 'dist', `${books[name].output}.epub`);
    built[name] = { dir, result, epub };
    if (isChecked(name)) {
      checks[name] = fs.existsSync(epub) ? epubcheck(epub) : Promise.reject(new Error(`${name} wrote no EPUB:\n${result.stderr}`));
      // Awaited by the tests; this keeps a failed build from being an unhandled rejection meanwhile.
      checks[name].catch(() => undefined);
    }
  });
});

after(removeTempDirs);

describe('the sample book (this repository)', () => {
  it('should build dist/docker-book.epub with exit status 0', () => {
    assert.equal(built.sample.result.code, 0, built.sample.result.stderr);
    assert.ok(fs.existsSync(built.sample.epub));
  });

  it('should pass EPUBCheck with 0 fatals, 0 errors, 0 warnings', async () => {
    await assertClean('sample');
  });

  it('should be checked by EPUBCheck 5 or later, as Apple Books asks for the latest', async () => {
    const { version } = await checks.sample;
    assert.ok(Number(version.split('.')[0]) >= 5, `EPUBCheck ${version}`);
  });

  it('should carry the metadata of manuscript/book.yaml', async () => {
    const { opf } = await epubOf('sample');
    assert.equal(text(elements(opf, NS.dc, 'title')[0] as Element), '도커(Docker)를 익히다.');
    assert.equal(text(elements(opf, NS.dc, 'creator')[0] as Element), '주길재');
    assert.equal(text(elements(opf, NS.dc, 'language')[0] as Element), 'ko');
  });

  it('should list the seed file’s two H1 chapters in the nav, in order', async () => {
    assert.deepEqual(
      (await tocOf('sample')).map((n) => [n.title, n.href]),
      [
        ['인사말', 'ch01.xhtml'],
        ['시작하기 전에', 'ch02.xhtml'],
      ],
    );
  });
});

describe('features/: a Korean book using every Markdown feature', () => {
  it('should build dist/features-book.epub with exit status 0', () => {
    assert.equal(built.features.result.code, 0, built.features.result.stderr);
    assert.ok(fs.existsSync(built.features.epub));
  });

  it('should pass EPUBCheck with 0 fatals, 0 errors, 0 warnings', async () => {
    await assertClean('features');
  });

  describe('package document (OPF)', () => {
    it('should store mimetype first, then a container pointing at the OPF', async () => {
      const book = await epubOf('features');
      assert.equal([...book.entries.keys()][0], 'mimetype');
      assert.equal(book.entries.get('mimetype')?.toString('latin1'), 'application/epub+zip');
      assert.match(book.opfPath, /\.opf$/);
    });

    it('should have a dc:identifier that is the unique-identifier', async () => {
      const { opf } = await epubOf('features');
      const uid = attr(opf.documentElement, 'unique-identifier');
      assert.ok(uid);
      const identifier = elements(opf, NS.dc, 'identifier').find((e) => attr(e, 'id') === uid);
      assert.ok(identifier, `no dc:identifier has id="${uid}"`);
      assert.equal(text(identifier), 'urn:uuid:0f3c2a1e-5b7d-4e8f-9a6b-1c2d3e4f5a6b');
    });

    it('should carry the ISBN as a second identifier', async () => {
      const { opf } = await epubOf('features');
      assert.ok(elements(opf, NS.dc, 'identifier').some((e) => text(e) === 'urn:isbn:9788968481239'));
    });

    it('should carry title, language, authors and every optional field of book.yaml', async () => {
      const { opf } = await epubOf('features');
      const dc = (name: string): string[] => elements(opf, NS.dc, name).map(text);
      assert.deepEqual(dc('title'), ['기능 시험 책', '모든 기능을 한 권에']);
      assert.deepEqual(dc('language'), ['ko']);
      assert.deepEqual(dc('creator'), ['홍길동', '김철수']);
      assert.deepEqual(dc('publisher'), ['시험 출판사']);
      assert.deepEqual(dc('rights'), ['© 2024 홍길동. All rights reserved.']);
      assert.deepEqual(dc('date'), ['2024-05-01']);
      assert.deepEqual(dc('description'), ['마크다운의 모든 기능을 시험하는 책입니다.']);
      assert.deepEqual(dc('subject'), ['Docker', '시험']);
      assert.equal(attr(opf.documentElement, 'lang', NS.xml), 'ko');
    });

    it('should stamp dcterms:modified from the metadata date when SOURCE_DATE_EPOCH is unset', async () => {
      const { opf } = await epubOf('features');
      const modified = elements(opf, NS.opf, 'meta').filter((m) => attr(m, 'property') === 'dcterms:modified');
      assert.deepEqual(modified.map(text), ['2024-05-01T00:00:00Z']);
    });

    it('should declare every schema.org accessibility property by default', async () => {
      const { opf } = await epubOf('features');
      const metas = elements(opf, NS.opf, 'meta');
      const values = (property: string): string[] => metas.filter((m) => attr(m, 'property') === property).map(text);
      assert.deepEqual(values('schema:accessMode').sort(), ['textual', 'visual']);
      // Some of its images have no text alternative: text alone is not enough to read the book.
      assert.deepEqual(values('schema:accessModeSufficient'), ['textual,visual']);
      assert.ok(!values('schema:accessibilityFeature').includes('alternativeText'));
      assert.ok(values('schema:accessibilityFeature').includes('structuralNavigation'));
      assert.ok(values('schema:accessibilityFeature').includes('tableOfContents'));
      assert.deepEqual(values('schema:accessibilityHazard'), ['none']);
      assert.equal(values('schema:accessibilitySummary').length, 1);
      assert.ok((values('schema:accessibilitySummary')[0] as string).length > 20);
    });

    it('should make assets/cover.png the cover-image, as a JPEG of the stores\' size, shown by the cover page', async () => {
      const book = await epubOf('features');
      const covers = [...book.manifest.entries()].filter(([, item]) => item.properties.includes('cover-image'));
      assert.equal(covers.length, 1);
      const [coverId, cover] = covers[0] as [string, { href: string; mediaType: string }];
      assert.equal(cover.mediaType, 'image/jpeg');
      const jpeg = book.entries.get(book.entryName(cover.href)) as Buffer;
      // The 60×90 PNG scaled up to cover 1600×2560, its colours kept.
      const meta = await sharp(jpeg).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1707, 2560]);
      const { dominant } = await sharp(jpeg).stats();
      const original = (await sharp(fs.readFileSync(path.join(fixturesDir, 'features', 'assets', 'cover.png'))).stats()).dominant;
      assert.ok(Math.abs(dominant.r - original.r) + Math.abs(dominant.g - original.g) + Math.abs(dominant.b - original.b) < 48, JSON.stringify([dominant, original]));
      assert.ok(jpeg.equals(fs.readFileSync(built.features.epub.replace(/\.epub$/, '-cover.jpg'))), 'dist/features-cover.jpg is not the EPUB\'s cover');
      const epub2Cover = elements(book.opf, NS.opf, 'meta').find((m) => attr(m, 'name') === 'cover');
      assert.equal(epub2Cover && attr(epub2Cover, 'content'), coverId);
      const coverPage = book.parse('cover.xhtml');
      assert.deepEqual(html(coverPage, 'img').map((i) => attr(i, 'src')), [cover.href]);
    });

    it('should give every manifest image its real media type (checked against the bytes)', async () => {
      const book = await epubOf('features');
      const images = [...book.manifest.values()].filter((i) => i.mediaType.startsWith('image/'));
      assert.equal(images.length, 6, 'cover, local PNG, assets PNG, assets GIF, the WebP made PNG and the SVG');
      for (const image of images) {
        const data = book.entries.get(book.entryName(image.href));
        assert.ok(data, `${image.href} is in the manifest but not in the zip`);
        assert.equal(sniffMediaType(data), image.mediaType, image.href);
      }
    });

    it('should list every file of the zip in the manifest, and every manifest item in the zip', async () => {
      const book = await epubOf('features');
      const inManifest = new Set([...book.manifest.values()].map((i) => book.entryName(i.href)));
      const inZip = [...book.entries.keys()].filter((n) => n !== 'mimetype' && !n.startsWith('META-INF/') && n !== book.opfPath);
      assert.deepEqual(inZip.filter((n) => !inManifest.has(n)), []);
      assert.deepEqual([...inManifest].filter((n) => !book.entries.has(n)), []);
    });

    it('should embed the book’s own stylesheet from styles/', async () => {
      const book = await epubOf('features');
      const css = [...book.manifest.values()].filter((i) => i.mediaType === 'text/css');
      assert.ok(css.some((i) => book.entries.get(book.entryName(i.href))?.toString('utf8').includes('.features-fixture-marker')));
    });
  });

  describe('navigation (nav document and NCX)', () => {
    it('should list every chapter in reading order, matching the spine', async () => {
      const toc = await tocOf('features');
      assert.deepEqual(
        toc.map((n) => [n.title, n.href]),
        [
          ['들어가며', 'ch01.xhtml'],
          ['컨테이너 실행', 'ch02.xhtml'],
          ['세부 사항', 'ch03.xhtml'],
        ],
      );
      assert.deepEqual(
        (await chapters('features')).map((c) => c.href),
        toc.map((n) => n.href),
      );
    });

    it('should nest headings down to h3 and no deeper', async () => {
      const [first] = await tocOf('features');
      const setup = first?.children.find((n) => n.title === '설치');
      assert.ok(setup, 'h2 설치 is not under chapter 1');
      assert.equal(setup.href, 'ch01.xhtml#설치');
      assert.deepEqual(
        setup.children.map((n) => [n.title, n.href]),
        [['확인', 'ch01.xhtml#확인']],
      );
      assert.deepEqual(setup.children[0]?.children, [], 'the h4 must not be in the TOC');
      assert.ok(!flattenToc(await tocOf('features')).some((l) => l.includes('목차에 없는 제목')));
    });

    it('should list only the author’s headings (not the generated footnotes title)', async () => {
      const titles = flattenToc(await tocOf('features'));
      assert.deepEqual(
        titles.filter((l) => l.includes('각주')),
        [],
      );
    });

    it('should have landmarks for the cover, the title and copyright pages, the TOC and the start of the text', async () => {
      const book = await epubOf('features');
      const landmarks = navElement(book.parse('toc.xhtml'), 'landmarks');
      assert.ok(landmarks, 'no landmarks nav');
      const types = html(landmarks, 'a').map((a) => [attr(a, 'type', NS.epub), attr(a, 'href')]);
      assert.deepEqual(types, [
        ['cover', 'cover.xhtml'],
        ['titlepage', 'titlepage.xhtml'],
        ['copyright-page', 'copyright.xhtml'],
        ['toc', 'toc.xhtml'],
        ['bodymatter', 'ch01.xhtml'],
      ]);
    });

    it('should have an NCX with the same entries in the same order as the nav', async () => {
      const book = await epubOf('features');
      const spine = elements(book.opf, NS.opf, 'spine')[0] as Element;
      assert.equal(book.manifest.get(attr(spine, 'toc'))?.mediaType, 'application/x-dtbncx+xml');
      assert.deepEqual(flattenToc(await ncxOf('features')), flattenToc(await tocOf('features')));
    });
  });

  describe('chapter documents', () => {
    it('should declare xml:lang and lang ko on every chapter', async () => {
      for (const { href, doc } of await chapters('features')) {
        assert.equal(attr(doc.documentElement, 'lang', NS.xml), 'ko', href);
        assert.equal(attr(doc.documentElement, 'lang'), 'ko', href);
      }
    });

    it('should store Korean text as UTF-8, never as character references', async () => {
      for (const { href, raw } of await chapters('features')) {
        assert.ok(raw.includes('설치') || raw.includes('세부'), `${href} holds no literal Hangul`);
        const references = [...raw.matchAll(/&#(x[0-9a-f]+|\d+);/gi)].map((m) => (m[1]?.startsWith('x') || m[1]?.startsWith('X') ? parseInt(m[1].slice(1), 16) : Number(m[1])));
        const hangul = references.filter((c) => (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f) || (c >= 0xac00 && c <= 0xd7af));
        assert.deepEqual(hangul, [], href);
      }
    });

    it('should keep table column alignment as text-align styles', async () => {
      const table = html(await chapter('features', 'ch03.xhtml'), 'table')[0] as Element;
      const styles = html(table, 'th').map((th) => attr(th, 'style').replace(/\s+/g, ''));
      assert.deepEqual(styles, ['text-align:left;', 'text-align:center;', 'text-align:right;', '']);
      assert.equal(html(table, 'td').filter((td) => attr(td, 'align') !== '').length, 0, 'no obsolete align attribute');
      assert.equal(attr(html(table, 'td')[2] as Element, 'style').replace(/\s+/g, ''), 'text-align:right;');
    });

    it('should keep the start number of an ordered list', async () => {
      const lists = html(await chapter('features', 'ch01.xhtml'), 'ol');
      const list = lists.find((ol) => text(ol).includes('셋째 단계'));
      assert.ok(list);
      assert.equal(attr(list, 'start'), '3');
    });

    it('should keep the state of each task-list checkbox', async () => {
      const inputs = html(await chapter('features', 'ch02.xhtml'), 'input').filter((i) => attr(i, 'type') === 'checkbox');
      assert.deepEqual(
        inputs.map((i) => i.hasAttribute('checked')),
        [true, false, true],
      );
    });

    it('should keep strikethrough and autolinks', async () => {
      assert.deepEqual(html(await chapter('features', 'ch01.xhtml'), 'del').map(text), ['지워진 문장']);
      const hrefs = html(await chapter('features', 'ch03.xhtml'), 'a').map((a) => attr(a, 'href'));
      for (const url of ['https://www.docker.com', 'http://www.example.com', 'https://hub.docker.com/']) assert.ok(hrefs.includes(url), url);
    });

    it('should make footnotes EPUB 3 noteref/footnote pairs whose links resolve, in each chapter that uses them', async () => {
      let chaptersWithNotes = 0;
      for (const { href, doc } of await chapters('features')) {
        const byId = new Map(html(doc, '*').filter((e) => e.hasAttribute('id')).map((e) => [attr(e, 'id'), e]));
        const refs = html(doc, 'a').filter((a) => attr(a, 'type', NS.epub) === 'noteref');
        if (refs.length) chaptersWithNotes++;
        for (const ref of refs) {
          const target = attr(ref, 'href');
          assert.match(target, /^#/, `${href}: a noteref must point into its own document`);
          const note = byId.get(target.slice(1));
          assert.ok(note, `${href}: ${target} does not exist`);
          assert.equal(attr(note, 'type', NS.epub), 'footnote', `${href}: ${target} is not a footnote`);
          assert.equal(note.localName, 'aside');
          const back = html(note, 'a').find((a) => attr(a, 'href') === `#${attr(ref, 'id')}`);
          assert.ok(back, `${href}: footnote ${target} has no link back to its reference`);
        }
        for (const note of html(doc, 'aside').filter((a) => attr(a, 'type', NS.epub) === 'footnote')) {
          assert.ok(refs.some((r) => attr(r, 'href') === `#${attr(note, 'id')}`), `${href}: footnote ${attr(note, 'id')} is never referenced`);
        }
      }
      assert.equal(chaptersWithNotes, 3, 'ch01 and ch02 (one shared definition) and ch03');
      const shared = html(await chapter('features', 'ch02.xhtml'), 'aside').map(text);
      assert.ok(shared.some((t) => t.includes('도커는 컨테이너 플랫폼입니다')), 'the definition at the end of the file reaches the second chapter');
    });

    it('should give headings ids that are unique across the book and keep Korean', async () => {
      const ids: string[] = [];
      for (const { doc } of await chapters('features')) {
        for (const level of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) ids.push(...html(doc, level).map((h) => attr(h, 'id')).filter(Boolean));
      }
      assert.deepEqual(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        [],
        'duplicate heading ids',
      );
      for (const id of ['들어가며', '설치', '설치-1', '설치-2', '컨테이너-실행', '설정']) assert.ok(ids.includes(id), `no heading id ${id} in ${ids.join(', ')}`);
    });

    it('should rewrite links between chapters to the right document and id', async () => {
      const links = async (href: string): Promise<Map<string, string>> => new Map(html(await chapter('features', href), 'a').map((a) => [text(a), attr(a, 'href')]));
      const first = await links('ch01.xhtml');
      assert.equal(first.get('다른 파일의 설정'), 'ch03.xhtml#설정');
      assert.equal(first.get('다른 파일의 설치'), 'ch03.xhtml#설치-2');
      assert.equal(first.get('같은 파일의 다른 장'), 'ch02.xhtml#컨테이너-실행');
      assert.equal(first.get('같은 장의 설치'), '#설치');
      const third = await links('ch03.xhtml');
      assert.equal(third.get('들어가며'), 'ch01.xhtml');
      assert.equal(third.get('처음 설치'), 'ch01.xhtml#설치');
    });

    it('should leave no in-book link that leads nowhere', async () => {
      const book = await epubOf('features');
      const docs = await chapters('features');
      const idsOf = new Map(docs.map(({ href, doc }) => [href, new Set(html(doc, '*').map((e) => attr(e, 'id')).filter(Boolean))]));
      const dead: string[] = [];
      for (const { href, doc } of docs) {
        for (const a of html(doc, 'a')) {
          const target = attr(a, 'href');
          if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
          const [file, fragment] = target.split('#') as [string, string | undefined];
          const targetDoc = file === '' ? href : file;
          const inManifest = [...book.manifest.values()].some((i) => i.href === targetDoc);
          if (!inManifest || (fragment && !idsOf.get(targetDoc)?.has(decodeURIComponent(fragment)))) dead.push(`${href}: ${target}`);
        }
      }
      assert.deepEqual(dead, []);
    });

    it('should highlight code that names a language with hljs spans, and leave plain code plain', async () => {
      const codes = html(await chapter('features', 'ch02.xhtml'), 'code');
      const byLanguage = (lang: string): Element | undefined => codes.find((c) => attr(c, 'class').split(/\s+/).includes(`language-${lang}`));
      for (const lang of ['dockerfile', 'bash']) {
        const code = byLanguage(lang);
        assert.ok(code, `no ${lang} block`);
        assert.ok(html(code, 'span').some((s) => attr(s, 'class').startsWith('hljs-')), `${lang} block has no hljs spans`);
      }
      const plain = codes.find((c) => text(c).includes('평범한 코드 블록'));
      assert.ok(plain);
      assert.equal(html(plain, 'span').length, 0);
      assert.ok(!attr(plain, 'class').includes('hljs'));
      assert.ok(text(plain).includes('<b>그대로</b>'), 'HTML in plain code stays text');
    });

    it('should keep a 3,000-character code line whole', async () => {
      const source = fs.readFileSync(featuresSource('01-intro.md'), 'utf8').split('\n');
      const long = source.find((l) => l.length >= 3000) as string;
      assert.ok(long);
      const codes = html(await chapter('features', 'ch02.xhtml'), 'code').map((c) => c.textContent ?? '');
      assert.ok(codes.some((c) => c.split('\n').includes(long)));
    });

    it('should contain no script, no event handler and no javascript: link anywhere', async () => {
      const book = await epubOf('features');
      for (const [id, item] of book.manifest) {
        if (item.mediaType !== 'application/xhtml+xml') continue;
        const doc = book.parse(item.href);
        assert.equal(html(doc, 'script').length, 0, id);
        for (const element of html(doc, '*')) {
          for (const a of Array.from(element.attributes)) {
            assert.ok(!/^on/i.test(a.name), `${id}: ${a.name}`);
            assert.ok(!/^\s*javascript:/i.test(a.value), `${id}: ${a.value}`);
          }
        }
        assert.ok(!(book.entries.get(book.entryName(item.href)) as Buffer).toString('utf8').includes('no scripts in books'), id);
      }
    });

    it('should show <username> and <container-name> as text, not as elements', async () => {
      const doc = await chapter('features', 'ch01.xhtml');
      const paragraph = html(doc, 'p').find((p) => text(p).includes('사용자 이름'));
      assert.ok(paragraph);
      assert.match(text(paragraph), /<username> 을 쓰고, 컨테이너 이름에는 <container-name> 을/);
      assert.equal(elements(doc, NS.xhtml, 'username').length, 0);
    });

    it('should show a placeholder with the alt text for the image that could not be downloaded', async () => {
      const doc = await chapter('features', 'ch03.xhtml');
      const placeholder = html(doc, 'span').find((s) => attr(s, 'class').split(/\s+/).includes('image-missing'));
      assert.ok(placeholder, 'no placeholder');
      assert.match(text(placeholder), /원격 그림/);
      // Text, as the page shows it: announced as an image, it would claim one that is not there.
      assert.equal(attr(placeholder, 'role'), '');
      assert.ok(!html(doc, 'img').some((i) => /^https?:/.test(attr(i, 'src'))), 'a remote src is left in the book');
    });

    it('should embed the image next to the chapter and the one from assets/, byte for byte', async () => {
      const book = await epubOf('features');
      const doc = await chapter('features', 'ch03.xhtml');
      const srcOf = (alt: string): string => attr(html(doc, 'img').find((i) => attr(i, 'alt') === alt) as Element, 'src');
      const expected: [string, string][] = [
        ['로컬 그림', path.join(fixturesDir, 'features', 'manuscript', 'images', 'local.png')],
        ['자산 그림', path.join(fixturesDir, 'features', 'assets', 'diagram.png')],
        ['움직이는 그림', path.join(fixturesDir, 'features', 'assets', 'anim.gif')],
      ];
      for (const [alt, file] of expected) {
        const src = srcOf(alt);
        assert.ok(src, `no image ${alt}`);
        assert.ok([...book.manifest.values()].some((i) => i.href === src), `${src} is not in the manifest`);
        assert.deepEqual(book.entries.get(book.entryName(src)), fs.readFileSync(file), alt);
      }
    });

    it('should carry a WebP image as PNG and an SVG image without its scripts', async () => {
      const book = await epubOf('features');
      const doc = await chapter('features', 'ch03.xhtml');
      const srcOf = (alt: string): string => attr(html(doc, 'img').find((i) => attr(i, 'alt') === alt) as Element, 'src');
      const png = srcOf('WebP 화면');
      assert.match(png, /\.png$/);
      assert.equal(book.manifest.get([...book.manifest.keys()].find((k) => book.manifest.get(k)?.href === png) ?? '')?.mediaType, 'image/png');
      assert.equal(sniffMediaType(book.entries.get(book.entryName(png)) as Buffer), 'image/png');
      assert.ok(![...book.manifest.values()].some((i) => i.mediaType === 'image/webp'), 'a WebP is still in the manifest');
      const svg = (book.entries.get(book.entryName(srcOf('스크립트가 든 SVG'))) as Buffer).toString('utf8');
      assert.doesNotMatch(svg, /<script|onload|alert/);
      assert.match(svg, /<rect /);
    });

    it('should keep raw HTML blocks as elements and drop HTML comments', async () => {
      const { doc, raw } = (await chapters('features')).find((c) => c.href === 'ch03.xhtml') as { doc: Document; raw: string };
      const note = html(doc, 'div').find((d) => attr(d, 'class') === 'note');
      assert.ok(note, 'the <div class="note"> is gone');
      assert.equal(html(note, 'em').map(text).join(), 'HTML');
      assert.ok(!raw.includes('메모'), 'the comment reached the book');
    });

    it('should keep inline SVG and MathML in their namespaces, with their attributes, and declare them in the manifest', async () => {
      const book = await epubOf('features');
      const doc = await chapter('features', 'ch03.xhtml');
      const rect = elements(doc, 'http://www.w3.org/2000/svg', 'rect')[0];
      assert.ok(rect, 'the SVG <rect> is not in the SVG namespace');
      assert.deepEqual([attr(rect, 'width'), attr(rect, 'height')], ['118', '38']);
      const math = elements(doc, 'http://www.w3.org/1998/Math/MathML', 'math')[0];
      assert.ok(math, 'the <math> is not in the MathML namespace');
      assert.equal(elements(math, 'http://www.w3.org/1998/Math/MathML', 'msup').length, 1);
      const item = [...book.manifest.values()].find((i) => i.href === 'ch03.xhtml');
      assert.deepEqual(item?.properties.slice().sort(), ['mathml', 'svg']);
    });

    it('should replace <video> by its fallback text', async () => {
      const doc = await chapter('features', 'ch03.xhtml');
      assert.equal(html(doc, 'video').length, 0);
      assert.ok(text(doc.documentElement).includes('영상 대신 읽는 설명'));
    });

    it('should drop front matter and Liquid tags, and keep the text around removed invisible characters', async () => {
      const docs = await chapters('features');
      for (const { href, raw, doc } of docs) {
        assert.ok(!raw.includes('{%'), `${href} holds a Liquid tag`);
        assert.ok(!raw.includes('\uFFFC'), `${href} holds U+FFFC`);
        assert.ok(!/sidebar|layout: article/.test(text(doc.documentElement)), `${href} shows front matter`);
      }
      const text1 = text((docs[0] as { doc: Document }).doc.documentElement);
      assert.ok(text1.includes('보이지 않는 문자가 여기에 있고 제어 문자도 있습니다.'));
    });

    it('should not silently drop a table cell beyond the header’s columns', async () => {
      const doc = await chapter('features', 'ch03.xhtml');
      const line = lineOf(featuresSource('02-details.md'), '넘치는 칸');
      const kept = text(doc.documentElement).includes('넘치는 칸');
      const warned = diagnosticLines(built.features.result.stderr).some((d) => d.file === 'manuscript/02-details.md' && d.line === line);
      assert.ok(kept || warned, `the cell "넘치는 칸" (02-details.md:${line}) vanished without a warning`);
    });
  });

  describe('warnings', () => {
    const cases: [string, string, string, RegExp][] = [
      ['U+FFFC', '01-intro.md', '\uFFFC', /U\+FFFC/],
      ['a C0 control character', '01-intro.md', '\u0007', /U\+0007/],
      ['the Liquid tag', '01-intro.md', '{% include ad.html %}', /Liquid/],
      ['<username>', '01-intro.md', '<username>', /<username>/],
      ['the remote image', '02-details.md', 'http://127.0.0.1:9/none.png', /127\.0\.0\.1:9\/none\.png/],
      ['the broken link', '02-details.md', '(missing.md)', /missing\.md/],
      ['the script', '02-details.md', '<script>', /script/],
      ['the video', '02-details.md', '<video', /replaced <video> by its fallback content/],
      ['the script in the SVG image', '02-details.md', 'scripted.svg', /removed (onload attribute, <script>|<script>, onload attribute) from the SVG/],
    ];
    for (const [what, file, needle, pattern] of cases) {
      it(`should warn about ${what} with file and line`, () => {
        const line = lineOf(featuresSource(file), needle);
        const found = findDiagnostic(built.features.result.stderr, `manuscript/${file}`, line, pattern);
        assert.ok(found, `no warning for manuscript/${file}:${line} matching ${pattern}:\n${built.features.result.stderr}`);
        assert.equal(found.severity, 'warning');
      });
    }
  });

  it('should fail under --strict, print the warnings as errors and write no EPUB', () => {
    const { result, dir } = built.featuresStrict;
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /manuscript\/01-intro\.md:\d+:\d+: error \(strict\): removed the Liquid tag/);
    assert.deepEqual(listFiles(path.join(dir, 'dist')), []);
  });

  it('should build byte-identical EPUBs from the same input', () => {
    assert.equal(built.featuresAgain.result.code, 0, built.featuresAgain.result.stderr);
    assert.equal(sha256(built.featuresAgain.epub), sha256(built.features.epub));
  });
});

describe('dozen/: one Markdown file with twelve H1 chapters', () => {
  it('should build dist/dozen.epub (named after the folder) with exit status 0', () => {
    assert.equal(built.dozen.result.code, 0, built.dozen.result.stderr);
    assert.ok(fs.existsSync(built.dozen.epub));
  });

  it('should pass EPUBCheck with 0 fatals, 0 errors, 0 warnings', async () => {
    await assertClean('dozen');
  });

  it('should list the 12 chapters in the nav in order, each with its section', async () => {
    const toc = await tocOf('dozen');
    const names = ['Alpha', '둘째 Beta', 'Gamma', '넷째 Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta', 'Iota', 'Kappa', 'Lambda', 'Mu'];
    assert.deepEqual(
      toc.map((n) => [n.title, n.href]),
      names.map((name, i) => [`Chapter ${i + 1}: ${name}`, `ch${String(i + 1).padStart(2, '0')}.xhtml`]),
    );
    toc.forEach((n, i) => assert.deepEqual(n.children.map((c) => c.title), [`Section ${i + 1}.1`]));
  });

  it('should put the 12 chapters in the spine in the same order', async () => {
    const docs = await chapters('dozen');
    assert.deepEqual(
      docs.map(({ doc }) => text(html(doc, 'h1')[0] as Element)),
      (await tocOf('dozen')).map((n) => n.title),
    );
    assert.deepEqual(flattenToc(await ncxOf('dozen')), flattenToc(await tocOf('dozen')));
  });
});

describe('summary/: a SUMMARY.md book with parts and chapters in subfolders', () => {
  it('should build dist/summary-book.epub with exit status 0', () => {
    assert.equal(built.summary.result.code, 0, built.summary.result.stderr);
    assert.ok(fs.existsSync(built.summary.epub));
  });

  it('should pass EPUBCheck with 0 fatals, 0 errors, 0 warnings', async () => {
    await assertClean('summary');
  });

  it('should follow SUMMARY.md: order, part titles and nesting', async () => {
    assert.deepEqual(flattenToc(await tocOf('summary')), [
      '0 머리말 -> ch01.xhtml',
      '0 1부: 기초 -> ',
      '1 소개 -> ch02.xhtml',
      '2 배경 -> ch02.xhtml#배경',
      '3 역사 -> ch02.xhtml#역사',
      '2 설치하기 -> ch03.xhtml',
      '0 2부: 심화 -> ',
      '1 심화 주제 -> ch04.xhtml',
      '2 원리 -> ch04.xhtml#원리',
      '2 부록 A -> ch05.xhtml',
    ]);
  });

  it('should put the chapters in the spine in SUMMARY.md order, not file-name order', async () => {
    const docs = await chapters('summary');
    assert.deepEqual(
      docs.map(({ doc }) => text(html(doc, 'h1')[0] as Element)),
      ['머리말', '소개', '설치하기', '심화 주제', '부록 A'],
    );
  });

  it('should have an NCX with every chapter in the nav’s order', async () => {
    const chaptersOnly = (nodes: TocNode[]): string[] => flattenToc(nodes).filter((l) => !l.includes('#') && !l.includes('부:')).map((l) => l.replace(/^\d+ /, ''));
    assert.deepEqual(chaptersOnly(await ncxOf('summary')), chaptersOnly(await tocOf('summary')));
  });

  it('should embed the images that sit next to chapters in subfolders', async () => {
    const book = await epubOf('summary');
    const expected: [string, string, string][] = [
      ['ch02.xhtml', '소개 그림', path.join(fixturesDir, 'summary', 'manuscript', 'part1', 'images', 'intro.png')],
      ['ch04.xhtml', '깊은 곳의 그림', path.join(fixturesDir, 'summary', 'manuscript', 'part2', 'deep', 'diagram.gif')],
    ];
    for (const [href, alt, file] of expected) {
      const img = html(await chapter('summary', href), 'img').find((i) => attr(i, 'alt') === alt);
      assert.ok(img, `${href} has no image ${alt}`);
      const item = [...book.manifest.values()].find((i) => i.href === attr(img, 'src'));
      assert.ok(item, `${attr(img, 'src')} is not in the manifest`);
      assert.equal(item.mediaType, sniffMediaType(fs.readFileSync(file)));
      assert.deepEqual(book.entries.get(book.entryName(item.href)), fs.readFileSync(file));
    }
  });

  it('should rewrite links between chapters in different folders', async () => {
    const hrefs = async (href: string): Promise<string[]> => html(await chapter('summary', href), 'a').map((a) => attr(a, 'href'));
    assert.deepEqual(await hrefs('ch01.xhtml'), ['ch02.xhtml']);
    assert.deepEqual(await hrefs('ch02.xhtml'), ['ch04.xhtml#원리']);
    assert.deepEqual(await hrefs('ch04.xhtml'), ['ch01.xhtml']);
  });
});

describe('escape/: an image path that leaves the book folder', () => {
  it('should fail with an error at the file and line, and write nothing', () => {
    const { result, dir } = built.escape;
    assert.notEqual(result.code, 0);
    const line = lineOf(path.join(fixturesDir, 'escape', 'manuscript', 'chapter.md'), '../../etc/passwd');
    const found = findDiagnostic(result.stderr, 'manuscript/chapter.md', line, /\.\.\/\.\.\/etc\/passwd/);
    assert.ok(found, result.stderr);
    assert.equal(found.severity, 'error');
    assert.deepEqual(listFiles(path.join(dir, 'dist')), []);
  });
});

describe('bad-metadata/: book.yaml with a wrong type and an unknown key', () => {
  it('should fail with errors at manuscript/book.yaml lines, and write nothing', () => {
    const { result, dir } = built.badMetadata;
    assert.notEqual(result.code, 0);
    const yaml = path.join(fixturesDir, 'bad-metadata', 'manuscript', 'book.yaml');
    const language = findDiagnostic(result.stderr, 'manuscript/book.yaml', lineOf(yaml, 'language:'), /language/);
    const unknown = findDiagnostic(result.stderr, 'manuscript/book.yaml', lineOf(yaml, 'colour:'), /colour/);
    assert.ok(language, `no error for language:\n${result.stderr}`);
    assert.ok(unknown, `no error for the unknown key colour:\n${result.stderr}`);
    assert.equal(language.severity, 'error');
    assert.equal(unknown.severity, 'error');
    assert.deepEqual(listFiles(path.join(dir, 'dist')), []);
  });
});

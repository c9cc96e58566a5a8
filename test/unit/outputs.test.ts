/** Output helpers: the table of contents, XHTML serialization and the typographic cover. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOMParser, type Document as XmlDocument } from '@xmldom/xmldom';
import { h } from 'hastscript';
import type { BookConfig } from '../../scripts/config/load.js';
import type { Chapter, Heading, Manuscript } from '../../scripts/manuscript/model.js';
import { coverHtml } from '../../scripts/outputs/epub/cover.js';
import { fontFaceCss, monoStack, serifStack } from '../../scripts/outputs/pdf/fonts.js';
import { buildToc, flattenToc, type TocEntry } from '../../scripts/outputs/toc.js';
import { xhtmlDocument, xhtmlFragment } from '../../scripts/outputs/xhtml.js';

describe('outputs/toc.ts', () => {
  /** A chapter with the given title, SUMMARY.md depth, part and headings (its H1 first). */
  function chapter(index: number, title: string, depth = 0, headings: Heading[] = [], partTitle?: string): Chapter {
    const c: Chapter = {
      index,
      id: `ch${String(index + 1).padStart(2, '0')}`,
      source: `manuscript/${index}.md`,
      line: 1,
      title,
      depth,
      headings: [{ depth: 1, text: title, id: title }, ...headings],
      tree: { type: 'root', children: [] },
    };
    if (partTitle) c.partTitle = partTitle;
    return c;
  }

  /** A manuscript of `chapters`; buildToc reads nothing else. */
  function manuscript(chapters: Chapter[]): Manuscript {
    return { config: {} as BookConfig, chapters, assets: new Map(), styles: { epub: { css: '', assets: [] }, print: { css: '', assets: [] } }, plugins: { remark: [], rehype: [] } };
  }

  /** Entries as nested [title, children] pairs, ids left out, for readable assertions. */
  function shape(entries: TocEntry[]): unknown[] {
    return entries.map((e) => (e.children.length ? [e.title, shape(e.children)] : e.title));
  }

  test('should list chapters in order without their own H1', () => {
    const toc = buildToc(manuscript([chapter(0, '소개'), chapter(1, '설치')]));
    assert.deepEqual(shape(toc), ['소개', '설치']);
    assert.equal(toc[1]?.chapter?.id, 'ch02');
    assert.equal(toc[1]?.id, undefined);
  });

  test('should nest h3 under h2 inside a chapter, linking each to its id', () => {
    const toc = buildToc(
      manuscript([
        chapter(0, '설치', 0, [
          { depth: 2, text: '리눅스', id: 'linux' },
          { depth: 3, text: '우분투', id: 'ubuntu' },
          { depth: 3, text: '페도라', id: 'fedora' },
          { depth: 2, text: '맥', id: 'mac' },
        ]),
      ]),
    );
    assert.deepEqual(shape(toc), [['설치', [['리눅스', ['우분투', '페도라']], '맥']]]);
    const ubuntu = toc[0]?.children[0]?.children[0];
    assert.equal(ubuntu?.id, 'ubuntu');
    assert.equal(ubuntu?.chapter?.id, 'ch01');
  });

  test('should leave out headings deeper than maxDepth', () => {
    const headings = [
      { depth: 2, text: 'h2', id: 'a' },
      { depth: 3, text: 'h3', id: 'b' },
    ];
    assert.deepEqual(shape(buildToc(manuscript([chapter(0, 'C', 0, headings)]), 2)), [['C', ['h2']]]);
    assert.deepEqual(shape(buildToc(manuscript([chapter(0, 'C', 0, headings)]), 1)), ['C']);
  });

  test('should put an h3 that follows the H1 directly at the first level', () => {
    assert.deepEqual(shape(buildToc(manuscript([chapter(0, 'C', 0, [{ depth: 3, text: 'deep', id: 'd' }])]))), [['C', ['deep']]]);
  });

  test('should nest chapters by their SUMMARY.md depth', () => {
    const toc = buildToc(manuscript([chapter(0, 'A'), chapter(1, 'A.1', 1), chapter(2, 'A.1.1', 2), chapter(3, 'A.2', 1), chapter(4, 'B')]));
    assert.deepEqual(shape(toc), [['A', [['A.1', ['A.1.1']], 'A.2']], 'B']);
  });

  test('should group chapters under their parts, a part closing the one before', () => {
    const toc = buildToc(
      manuscript([chapter(0, '머리말'), chapter(1, '가상화', 0, [], '1부 기초'), chapter(2, '컨테이너', 1), chapter(3, '도커', 0, [], '2부 실전'), chapter(4, '컴포즈')]),
    );
    assert.deepEqual(shape(toc), ['머리말', ['1부 기초', [['가상화', ['컨테이너']]]], ['2부 실전', ['도커', '컴포즈']]]);
    assert.equal(toc[1]?.chapter, undefined);
  });

  test('should put a suffix chapter after the last part at the top level, closing that part', () => {
    const appendix = { ...chapter(2, '부록'), outsideParts: true as const };
    const toc = buildToc(manuscript([chapter(0, '가상화', 0, [], '1부 기초'), chapter(1, '컨테이너'), appendix]));
    assert.deepEqual(shape(toc), [['1부 기초', ['가상화', '컨테이너']], '부록']);
  });

  test('should flatten the tree depth first with levels', () => {
    const toc = buildToc(manuscript([chapter(0, 'A', 0, [{ depth: 2, text: 'a', id: 'a' }], 'P'), chapter(1, 'B')]));
    assert.deepEqual(
      flattenToc(toc).map(({ entry, level }) => [entry.title, level]),
      [
        ['P', 0],
        ['A', 1],
        ['a', 2],
        ['B', 1],
      ],
    );
  });
});

describe('outputs/xhtml.ts', () => {
  /** Parses XML strictly, throwing on any well-formedness error. */
  function parseXml(xml: string): Document {
    const errors: string[] = [];
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(xml, 'application/xhtml+xml') as unknown as Document;
    assert.deepEqual(errors, []);
    return doc;
  }

  const body = [h('h1', '도커 & 컨테이너'), h('p', ['a < b', h('br'), h('img', { src: 'images/x.png', alt: '"그림"' })]), h('aside', { 'epub:type': 'footnote', id: 'fn-1' }, '주석')];

  test('should start with the XML declaration and the HTML doctype', () => {
    assert.match(xhtmlDocument({ lang: 'ko', title: 't', stylesheets: [], body: [] }), /^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE html>\n<html /);
  });

  test('should produce a well-formed document with the XHTML and EPUB namespaces', () => {
    const doc = parseXml(xhtmlDocument({ lang: 'ko', title: '1장 & 2장', stylesheets: ['css/book.css'], body }));
    const html = doc.documentElement;
    assert.equal(html.namespaceURI, 'http://www.w3.org/1999/xhtml');
    assert.equal(html.getAttribute('lang'), 'ko');
    assert.equal(html.getAttribute('xml:lang'), 'ko');
    assert.equal(html.getAttribute('xmlns:epub'), 'http://www.idpf.org/2007/ops');
    assert.equal(doc.getElementsByTagName('title')[0]?.textContent, '1장 & 2장');
    assert.equal(doc.getElementsByTagName('link')[0]?.getAttribute('href'), 'css/book.css');
    assert.equal(doc.getElementsByTagName('aside')[0]?.getAttributeNS('http://www.idpf.org/2007/ops', 'type'), 'footnote');
    assert.equal(doc.getElementsByTagName('img')[0]?.getAttribute('alt'), '"그림"');
  });

  test('should write Hangul as UTF-8 text, not as character references', () => {
    const xml = xhtmlDocument({ lang: 'ko', title: '차례', stylesheets: [], body });
    assert.match(xml, /<h1>도커 &#x26; 컨테이너<\/h1>/);
    assert.match(xml, /<title>차례<\/title>/);
    assert.doesNotMatch(xml, /&#x[A-Fa-f0-9]{4};/);
  });

  test('should add body attributes and extra head elements', () => {
    const doc = parseXml(xhtmlDocument({ lang: 'en', title: 't', stylesheets: [], body: [], bodyProperties: { className: ['cover'], 'epub:type': 'cover' }, head: [h('style', 'p { margin: 0 }')] }));
    assert.equal(doc.getElementsByTagName('body')[0]?.getAttribute('class'), 'cover');
    assert.equal(doc.getElementsByTagName('style')[0]?.textContent, 'p { margin: 0 }');
  });

  test('should mark a right-to-left language with dir="rtl", and leave left-to-right ones unmarked', () => {
    const doc = (lang: string) => new DOMParser().parseFromString(xhtmlDocument({ lang, title: 't', stylesheets: [], body: [] }), 'application/xhtml+xml').documentElement;
    assert.equal(doc('ar')?.getAttribute('dir'), 'rtl');
    assert.equal(doc('ko')?.hasAttribute('dir'), false);
  });

  test('should serialize a fragment without repeating the namespace on each element', () => {
    const xml = xhtmlFragment([h('p', '한글'), h('p', 'b')]);
    assert.equal(xml, '<p>한글</p><p>b</p>');
    parseXml(`<div xmlns="http://www.w3.org/1999/xhtml">${xml}</div>`);
  });

  test('should serialize an empty fragment as nothing', () => {
    assert.equal(xhtmlFragment([]), '');
  });
});

describe('outputs/epub/cover.ts', () => {
  /** The cover page of a book in `language`, parsed, with its stylesheet and the families its @font-face rules name. */
  function page(title: string, language: string, authors = ['저자'], subtitle?: string): { doc: XmlDocument; css: string; families: Set<string> } {
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(coverHtml({ title, subtitle, authors, language }), 'text/html');
    assert.deepEqual(errors, []);
    const css = Array.from(doc.getElementsByTagName('style'), (s) => s.textContent ?? '').join('\n');
    return { doc, css, families: new Set([...css.matchAll(/font-family: '([^']+)'/g)].map((m) => m[1] as string)) };
  }
  /** The text of the elements named `tag` (of class `className`, when given). */
  const texts = (doc: XmlDocument, tag: string, className?: string): string[] =>
    Array.from(doc.getElementsByTagName(tag))
      .filter((el) => !className || el.getAttribute('class') === className)
      .map((el) => el.textContent ?? '');

  test('should set the cover in the book\'s own print faces, its language\'s family first', () => {
    for (const [language, title, family] of [['ja', '入門', 'Noto Serif JP'], ['ko', '입문', 'Noto Serif KR'], ['zh-TW', '入門', 'Noto Serif TC'], ['en', 'Primer', 'Noto Serif']] as const) {
      const { families, css } = page(title, language);
      assert.ok(families.has(family), `${language}: no @font-face for ${family}`);
      assert.ok(css.includes(`font-family: ${serifStack(language)};`), `${language}: the body is not set in the print stack`);
      assert.ok(serifStack(language).startsWith(`"${family}"`));
      assert.match(css, /src: url\(file:\/\/\/[^)]+@fontsource\/[^)]+\.woff2\)/);
    }
  });

  test('should list the face of a script only when the cover shows it', () => {
    assert.ok(page('مقدمة في الحاويات', 'ar', ['أحمد علي']).families.has('Noto Naskh Arabic'));
    assert.ok(page('מבוא', 'he', ['דוד']).families.has('Noto Serif Hebrew'));
    assert.ok(!page('Primer', 'en', ['Jane Doe']).families.has('Noto Naskh Arabic'));
  });

  test('should set a right-to-left book from the right', () => {
    const html = page('مقدمة', 'ar', ['أحمد']).doc.documentElement;
    assert.deepEqual([html?.getAttribute('dir'), html?.getAttribute('lang')], ['rtl', 'ar']);
    assert.equal(page('入門', 'ja').doc.documentElement?.getAttribute('dir'), 'ltr');
  });

  test('should keep Korean words whole and leave Japanese to break between characters', () => {
    assert.deepEqual(texts(page('도커(Docker)를 익히다', 'ko').doc, 'span', 'word'), ['도커(Docker)를', '익히다', '저자']);
    assert.deepEqual(texts(page('コンテナ入門', 'ja', ['山田']).doc, 'span', 'word'), []);
  });

  test('should escape title, subtitle and authors', () => {
    const { doc } = page('Docker & <Containers>', 'en', ['주길재', 'A "B"'], '<Primer>');
    assert.deepEqual(texts(doc, 'title'), ['Docker & <Containers>']);
    assert.deepEqual(texts(doc, 'h1'), ['Docker & <Containers>']);
    assert.deepEqual(texts(doc, 'p', 'subtitle'), ['<Primer>']);
    assert.deepEqual(texts(doc, 'p', 'authors'), ['주길재, A "B"']);
    assert.equal(doc.getElementsByTagName('script').length + doc.getElementsByTagName('img').length, 0);
  });
});

describe('outputs/pdf/fonts.ts', () => {
  /** The families a stylesheet's @font-face rules name, in order of first appearance. */
  function families(css: string): string[] {
    return [...new Set([...css.matchAll(/font-family: '([^']+)'/g)].map((m) => m[1] as string))];
  }
  /** The code points of some text. */
  const chars = (text: string): Set<number> => new Set([...text].map((c) => c.codePointAt(0) as number));

  test('should start the body stack with the Han forms the language expects, else with a Latin serif', () => {
    const first = (language: string): string => serifStack(language).split(', ')[0] as string;
    assert.equal(first('ko'), '"Noto Serif KR"');
    assert.equal(first('ja'), '"Noto Serif JP"');
    assert.equal(first('zh-CN'), '"Noto Serif SC"');
    assert.equal(first('zh'), '"Noto Serif SC"');
    assert.equal(first('zh-Hant'), '"Noto Serif TC"');
    assert.equal(first('zh-TW'), '"Noto Serif TC"');
    assert.equal(first('en'), '"Noto Serif"');
    assert.match(serifStack('ko'), /"Noto Emoji", serif$/);
    assert.match(monoStack('ko'), /^"Nanum Gothic Coding", "Noto Serif KR", /);
  });

  test('should list a fallback family only when the book has a character that needs it', () => {
    assert.deepEqual(families(fontFaceCss('ko', chars('한국어 text 123'))), ['Nanum Gothic Coding', 'Noto Serif KR']);
    assert.deepEqual(families(fontFaceCss('ko', chars('한국어 สวัสดี 😀'))), ['Nanum Gothic Coding', 'Noto Serif KR', 'Noto Serif Thai', 'Noto Emoji']);
    // Hangul is in the coding font too, but body text does not fall back to it.
    assert.deepEqual(families(fontFaceCss('en', chars('English 한국어'))), ['Nanum Gothic Coding', 'Noto Serif', 'Noto Serif KR']);
    assert.deepEqual(families(fontFaceCss('zh-CN', chars('中文 Ελληνικά'))), ['Nanum Gothic Coding', 'Noto Serif SC', 'Noto Serif']);
  });

  test('should point every face at an installed woff2 file', () => {
    const css = fontFaceCss('ko', chars('한 😀'));
    const urls = [...css.matchAll(/src: url\((file:[^)]+)\) format\('woff2'\)/g)].map((m) => m[1] as string);
    assert.equal(urls.length, (css.match(/@font-face/g) ?? []).length);
    assert.ok(urls.every((u) => u.endsWith('.woff2')));
  });
});

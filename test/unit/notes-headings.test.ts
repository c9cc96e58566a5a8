/** Footnotes and headings in the shapes real manuscripts give them: Korean labels, notes in notes, empty and decorated headings. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import GithubSlugger from 'github-slugger';
import { h } from 'hastscript';
import { unified } from 'unified';
import { loadConfig } from '../../scripts/config/load.js';
import { Diagnostics } from '../../scripts/diagnostics.js';
import { loadManuscript } from '../../scripts/manuscript/load.js';
import type { Heading } from '../../scripts/manuscript/model.js';
import rehypeFootnotes from '../../scripts/markdown/rehype-footnotes.js';
import rehypeHeadingIds, { headingText } from '../../scripts/markdown/rehype-heading-ids.js';
import { missingGlyphs } from '../../scripts/outputs/pdf/fonts.js';
import { chapterDocument } from '../../scripts/outputs/pdf/chapter-html.js';
import { reasons, selectAll, tempTree, toHast } from './helpers.js';

/** Markdown through rehype-footnotes, as the converter runs it. */
function withNotes(markdown: string) {
  const { tree, file } = toHast(markdown);
  unified().use(rehypeFootnotes, { label: '각주', backLabel: '본문으로' }).runSync(tree, file);
  return { tree, file };
}

describe('footnotes (markdown/rehype-footnotes.ts)', () => {
  test('should give a note with a Korean label the same readable id in the reference, the note and the way back', () => {
    const { tree } = withNotes('본문[^각주].\n\n[^각주]: 한국어 각주.');
    const ref = selectAll(tree, (e) => e.properties.role === 'doc-noteref')[0];
    const note = selectAll(tree, (e) => e.tagName === 'aside')[0];
    const back = selectAll(tree, (e) => e.properties.role === 'doc-backlink')[0];
    assert.deepEqual([ref?.properties.href, ref?.properties.id], ['#fn-각주', 'fnref-각주']);
    assert.equal(note?.properties.id, 'fn-각주');
    assert.equal(back?.properties.href, '#fnref-각주');
  });

  test('should mark a reference inside another note as a noteref too', () => {
    const { tree } = withNotes('Text.[^a]\n\n[^a]: See[^b].\n[^b]: Inner.');
    const refs = selectAll(tree, (e) => e.tagName === 'a' && e.properties.href?.toString().startsWith('#fn-') === true);
    assert.equal(refs.length, 2);
    for (const ref of refs) {
      assert.equal(ref.properties['epub:type'], 'noteref');
      assert.equal(ref.properties.ariaDescribedBy, undefined);
    }
  });
});

describe('headings (markdown/rehype-heading-ids.ts)', () => {
  /** The ids plugin on a chapter whose notes are already EPUB notes. */
  function assign(markdown: string) {
    const { tree, file } = withNotes(markdown);
    const anchors = new Map<string, string>();
    const headings: Heading[] = [];
    unified().use(rehypeHeadingIds, { registry: { used: new Set<string>() }, fileSlugger: new GithubSlugger(), anchors, headings, maxDepth: 3 }).runSync(tree, file);
    return { tree, file, anchors, headings };
  }

  test('should leave footnote numbers out of a heading’s id and contents entry', () => {
    const run = assign('## 설치 `npm install` **굵게**[^h]\n\n[^h]: 주석.');
    assert.deepEqual(run.headings.map((x) => [x.text, x.id]), [['설치 npm install 굵게', '설치-npm-install-굵게']]);
  });

  test('should use an image’s alt text as a heading’s words', () => {
    assert.equal(headingText(h('h2', [h('img', { src: 'logo.png', alt: '로고' })])), '로고');
  });

  test('should keep a heading without words out of the contents, with a warning', () => {
    const run = assign('## \n\n## 둘');
    assert.deepEqual(run.headings.map((x) => x.text), ['둘']);
    assert.deepEqual(reasons(run.file), ['heading without text: it gets no entry in the contents']);
  });

  test('should send a link to an id written twice to the first element', () => {
    const run = assign('<div id="dup">first</div>\n<div id="dup">second</div>');
    assert.equal(run.anchors.get('dup'), 'dup');
  });
});

describe('chapters without a title (manuscript/load.ts)', () => {
  test('should title a chapter after its file, with a warning, and put that title in place of an empty H1', async () => {
    const root = tempTree({
      'manuscript/book.yaml': 'title: T\nauthor: A\nlanguage: ko\nidentifier: urn:isbn:9788966261234\n',
      'manuscript/01-intro.md': '## 소제목만\n\n본문.\n',
      'manuscript/02-empty.md': '# \n\n본문.\n',
      'manuscript/03-preamble.md': '머리글.\n\n# 셋째 장\n',
    });
    const diagnostics = new Diagnostics();
    const manuscript = await loadManuscript(loadConfig(root, diagnostics), diagnostics);
    assert.deepEqual(manuscript.chapters.map((c) => c.title), ['intro', 'empty', 'preamble', '셋째 장']);
    const warned = diagnostics.list.filter((d) => d.message.includes('after its file name')).map((d) => [d.file, d.message.split(':')[0]]);
    assert.deepEqual(warned, [
      [path.join('manuscript', '01-intro.md'), 'no H1 heading and no front matter title'],
      [path.join('manuscript', '02-empty.md'), 'no H1 heading and no front matter title'],
      [path.join('manuscript', '03-preamble.md'), 'the text before the first H1 heading is a chapter of its own'],
    ]);
    const h1s = selectAll(manuscript.chapters[1]?.tree ?? { type: 'root', children: [] }, (e) => e.tagName === 'h1');
    assert.equal(h1s.length, 1);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('print-only adjustments (outputs/pdf)', () => {
  test('should print collapsed <details> open', () => {
    const root = tempTree({ 'manuscript/book.yaml': 'title: T\nauthor: A\nlanguage: en\nidentifier: urn:isbn:9788966261234\n' });
    const config = loadConfig(root, new Diagnostics());
    const tree = { type: 'root' as const, children: [h('details', [h('summary', 'Answer'), h('p', 'hidden')])] };
    const doc = chapterDocument({ index: 0, id: 'ch01', source: 'a.md', line: 1, title: 'A', depth: 0, headings: [], tree }, config);
    assert.match(doc.body, /<details open>/);
  });

  test("should mark written-out addresses, broken only after / . - _ ?, and print a worded link's address after it", () => {
    const root = tempTree({ 'manuscript/book.yaml': 'title: T\nauthor: A\nlanguage: ko\nidentifier: urn:isbn:9788966261234\n' });
    const config = loadConfig(root, new Diagnostics());
    const url = 'https://example.com/a/very/long/path';
    const tree = { type: 'root' as const, children: [h('p', [h('a', { href: url }, url), ' ', h('a', { href: url }, '도커 문서')])] };
    const doc = chapterDocument({ index: 0, id: 'ch01', source: 'a.md', line: 1, title: 'A', depth: 0, headings: [], tree }, config);
    assert.equal(doc.body.match(/class="url"/g)?.length, 2);
    assert.match(doc.body, /<a href="[^"]+" class="url"><span class="url-part">https:\/\/<\/span><wbr><span class="url-part">example\.<\/span>/);
    assert.match(doc.body, /도커 문서(<\/span>)?<\/a><span class="link-address">\(<a href="[^"]+" class="url">/);
  });

  test('should name the characters no print font has, ignoring spaces and invisible marks', () => {
    const used = [...'한글 abc 漢字 😀\u200B\u1100\u119E'].map((c) => c.codePointAt(0) as number);
    assert.deepEqual(missingGlyphs('ko', used), [0x1100, 0x119e]);
  });
});

/** Book layouts (config/layout.ts), metadata found outside book.yaml (config/infer.ts) and the language read from the text. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { detectLanguage } from '../../scripts/config/detect-language.js';
import { inferMetadata } from '../../scripts/config/infer.js';
import { normalizeLanguageTag } from '../../scripts/config/language.js';
import { resolveLayout } from '../../scripts/config/layout.js';
import { BuildError } from '../../scripts/diagnostics.js';
import { tempTree } from './helpers.js';

describe('config/layout.ts', () => {
  test('should recognise our own layout first, with book.yaml in manuscript/', () => {
    const root = tempTree({ 'manuscript/book.yaml': 'title: T\n', 'manuscript/a.md': '# A', 'book.toml': '[book]\n' });
    const layout = resolveLayout(root);
    assert.equal(layout.kind, 'manuscript');
    assert.equal(layout.chaptersDir, path.join(root, 'manuscript'));
    assert.equal(layout.metadataFile, path.join(root, 'manuscript', 'book.yaml'));
    assert.deepEqual(layout.watch, [path.join(root, 'manuscript')]);
  });

  test("should read an mdBook book's src folder from book.toml, and refuse one that leaves the book", () => {
    const root = tempTree({ 'book.toml': '[book]\ntitle = "T"\nsrc = "text"\n', 'text/SUMMARY.md': '- [A](a.md)\n', 'text/a.md': '# A', 'book.yaml': 'title: Ours\n' });
    const layout = resolveLayout(root);
    assert.equal(layout.kind, 'mdbook');
    assert.equal(layout.chaptersDir, path.join(root, 'text'));
    assert.equal(layout.metadataFile, path.join(root, 'book.yaml'), 'our book.yaml applies on top');
    assert.deepEqual(layout.ignore, [path.join(root, 'dist'), path.join(root, '.cache')]);
    assert.equal(resolveLayout(tempTree({ 'book.toml': '[book]\n', 'src/a.md': '' })).chaptersDir.endsWith(`${path.sep}src`), true);
    assert.throws(() => resolveLayout(tempTree({ 'book.toml': '[book]\nsrc = "../.."\n' })), (e: unknown) => e instanceof BuildError && /leaves the book folder/.test(e.message));
    assert.throws(() => resolveLayout(tempTree({ 'book.toml': '[book]\ntitle = \n' })), (e: unknown) => e instanceof BuildError && /^book\.toml:2: not valid TOML/.test(e.message));
  });

  test("should recognise a GitBook book by book.json or a root SUMMARY.md, honouring book.json's root", () => {
    const json = resolveLayout(tempTree({ 'book.json': '{"root": "./docs"}', 'docs/SUMMARY.md': '', 'docs/a.md': '' }));
    assert.equal(json.kind, 'gitbook');
    assert.equal(path.basename(json.chaptersDir), 'docs');
    const summary = resolveLayout(tempTree({ 'SUMMARY.md': '* [A](a.md)\n', 'a.md': '# A' }));
    assert.equal(summary.kind, 'gitbook');
    assert.equal(summary.chaptersDir, summary.root);
  });

  test('should take a plain folder of Markdown files, or one Markdown file, and nothing else', () => {
    const folder = resolveLayout(tempTree({ 'part/01.md': '# A' }));
    assert.equal(folder.kind, 'folder');
    const root = tempTree({ 'post.md': '# A', 'other.md': '# B' });
    const file = resolveLayout(path.join(root, 'post.md'));
    assert.equal(file.kind, 'file');
    assert.equal(file.only, path.join(root, 'post.md'));
    assert.equal(file.distDir, path.join(root, 'dist'));
    assert.throws(() => resolveLayout(tempTree({ 'notes.txt': '' })), (e: unknown) => e instanceof BuildError && /is not a book folder/.test(e.message));
    assert.throws(() => resolveLayout(path.join(tempTree({ 'notes.txt': '' }), 'notes.txt')), (e: unknown) => e instanceof BuildError && /is not a book/.test(e.message));
  });
});

describe('config/infer.ts', () => {
  const all = ['title', 'author', 'language', 'description', 'date', 'isbn', 'repository'] as const;

  test('should read no chapter when book.yaml gives the title, authors and language', () => {
    const root = tempTree({ 'book.toml': '[book]\n' });
    let read = false;
    const found = inferMetadata(resolveLayout(root), () => ((read = true), []), ['isbn', 'repository']);
    assert.deepEqual(found, {});
    assert.equal(read, false);
  });

  test('should take each field from the first place that has it: book.toml, book.json, front matter, the text, the first heading', () => {
    const root = tempTree({
      'book.toml': '[book]\ntitle = "From TOML"\nauthors = ["A", "B"]\n[output.html]\ngit-repository-url = "https://github.com/o/r"\n',
      'src/a.md': '---\ntitle: From matter\nauthor: C\ndescription: D\ndate: 2021-04-29\n---\n# Heading\n\n한국어로 쓴 본문입니다.\n',
    });
    const found = inferMetadata(resolveLayout(root), () => [path.join(root, 'src', 'a.md')], all);
    assert.deepEqual(found, {
      title: { value: 'From TOML', from: 'book.toml' },
      author: { value: ['A', 'B'], from: 'book.toml' },
      repository: { value: 'https://github.com/o/r', from: 'book.toml' },
      description: { value: 'D', from: `the front matter of ${path.join('src', 'a.md')}` },
      date: { value: '2021-04-29', from: `the front matter of ${path.join('src', 'a.md')}` },
      language: { value: 'ko', from: 'the text' },
    });
  });

  test("should read GitBook's book.json and fall back to the first heading for the title", () => {
    const root = tempTree({ 'book.json': '{"author": "张三", "language": "zh-hans", "isbn": "978-89-6626-123-9"}', 'SUMMARY.md': '* [A](a.md)\n', 'a.md': '```\n# not a heading\n```\n# 第一章\n' });
    const found = inferMetadata(resolveLayout(root), () => [path.join(root, 'a.md')], all);
    assert.deepEqual(found.author, { value: ['张三'], from: 'book.json' });
    assert.deepEqual(found.language, { value: 'zh-hans', from: 'book.json' });
    assert.deepEqual(found.isbn, { value: '978-89-6626-123-9', from: 'book.json' });
    assert.deepEqual(found.title, { value: '第一章', from: 'the first heading of a.md' });
  });
});

describe('config/detect-language.ts and normalizeLanguageTag', () => {
  test('should read the language from the script of the prose, code left out', () => {
    const code = '```js\nconst aVeryLongVariableName = anotherVeryLongFunctionName(withArguments, andMore);\n```\n'.repeat(20);
    assert.equal(detectLanguage(`${code}도커는 컨테이너 플랫폼입니다. \`docker run\`으로 실행합니다.`), 'ko');
    assert.equal(detectLanguage('コンテナは軽量な仮想化技術です。'), 'ja');
    assert.equal(detectLanguage('这是一本关于容器的书，我们会说明为什么它们很重要。'), 'zh-Hans');
    assert.equal(detectLanguage('這是一本關於容器的書，我們會說明為什麼它們很重要。'), 'zh-Hant');
    assert.equal(detectLanguage('این یک کتاب آزمایشی است که چگونگی کار را نشان می‌دهد.'), 'fa');
    assert.equal(detectLanguage('هذا كتاب تجريبي عن الحاويات.'), 'ar');
    assert.equal(detectLanguage('Это тестовая книга о контейнерах.'), 'ru');
    assert.equal(detectLanguage('Plain English prose, with a word or two: 한.'), 'en');
    assert.equal(detectLanguage(''), 'en');
  });

  test('should write tags in BCP 47 case', () => {
    assert.equal(normalizeLanguageTag('zh-hans'), 'zh-Hans');
    assert.equal(normalizeLanguageTag('ko_KR'), 'ko-KR');
    assert.equal(normalizeLanguageTag('EN-us'), 'en-US');
    assert.equal(normalizeLanguageTag('es-419'), 'es-419');
    assert.equal(normalizeLanguageTag('zh-Hant-TW'), 'zh-Hant-TW');
  });
});

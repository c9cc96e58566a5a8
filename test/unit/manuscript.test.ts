/** From Markdown files to chapter trees: the processors, splitting, the parse cache and images. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Root as MdastRoot } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { labelsFor } from '../../scripts/config/labels.js';
import { loadConfig, type BookConfig } from '../../scripts/config/load.js';
import { Diagnostics, severityOf } from '../../scripts/diagnostics.js';
import { decodeManuscript } from '../../scripts/manuscript/decode.js';
import { loadLocalImage, registerAsset, type Loaded } from '../../scripts/manuscript/images.js';
import type { Asset } from '../../scripts/manuscript/model.js';
import { ManuscriptParser, titleFromFileName } from '../../scripts/manuscript/parse.js';
import { splitChapters, type Chunk } from '../../scripts/manuscript/split-chapters.js';
import { createHtmlConverter, createMarkdownParser } from '../../scripts/markdown/processor.js';
import { solidPng } from '../helpers/png.js';
import { plain, reasons, tempTree } from './helpers.js';

/** Why an image could not be loaded, as [severity, reason]; undefined when it loaded. */
function failure(loaded: Loaded): [string, string] | undefined {
  return 'problem' in loaded ? [severityOf(loaded.problem), loaded.problem.reason] : undefined;
}

describe('markdown/processor.ts', () => {
  const parser = createMarkdownParser();
  const converter = createHtmlConverter(labelsFor('ko'));

  /** Markdown through both processors, as one chapter: its HTML and the file with its messages. */
  function convert(markdown: string): { html: string; file: VFile; mdast: MdastRoot } {
    const file = new VFile({ path: 'chapter.md', value: markdown });
    const mdast = parser.runSync(parser.parse(file), file) as MdastRoot;
    const hast = converter.runSync(structuredClone(mdast), file) as HastRoot;
    return { html: toHtml(hast), file, mdast };
  }

  test('should render a GFM table with alignment as style', () => {
    const { html } = convert('| 명령 | 설명 |\n|:--|--:|\n| `ps` | 목록 |');
    assert.match(html, /<table>/);
    assert.match(html, /<th style="text-align: left;">명령<\/th>/);
    assert.match(html, /<td style="text-align: right;">목록<\/td>/);
  });

  test('should render task lists as disabled checkboxes named by their item', () => {
    const { html } = convert('- [x] done\n- [ ] todo');
    assert.match(html, /<ul class="contains-task-list">/);
    assert.match(html, /<li class="task-list-item"><input type="checkbox" checked disabled aria-label="done"> done<\/li>/);
    assert.match(html, /<li class="task-list-item"><input type="checkbox" disabled aria-label="todo"> todo<\/li>/);
  });

  test('should name a loose or nested task by its own text, not its sub-items', () => {
    const { html } = convert('1. [x] *first* task\n\n   - [ ] inner\n\n2. [ ] second\n');
    assert.match(html, /<input type="checkbox" checked disabled aria-label="first task">/);
    assert.match(html, /<input type="checkbox" disabled aria-label="inner">/);
    assert.match(html, /<input type="checkbox" disabled aria-label="second">/);
  });

  test('should render strikethrough', () => {
    assert.equal(convert('~~old~~ new').html, '<p><del>old</del> new</p>');
  });

  test('should turn bare URLs and www. addresses into links', () => {
    const { html } = convert('See https://docs.docker.com and www.docker.com.');
    assert.match(html, /<a href="https:\/\/docs.docker.com">https:\/\/docs.docker.com<\/a>/);
    assert.match(html, /<a href="http:\/\/www.docker.com">www.docker.com<\/a>\./);
  });

  test('should render footnotes as EPUB note pairs labelled in the book language', () => {
    const { html } = convert('도커[^1].\n\n[^1]: 컨테이너 도구.');
    assert.match(html, /<a href="#fn-1" id="fnref-1" epub:type="noteref" role="doc-noteref">1<\/a>/);
    assert.match(html, /<h2 class="footnotes-title">각주<\/h2>/);
    assert.match(html, /<aside id="fn-1" epub:type="footnote"[^>]*><p><a href="#fnref-1" role="doc-backlink" class="footnote-number" title="본문으로">1\.<\/a> 컨테이너 도구\./);
  });

  test('should highlight a code block that names its language', () => {
    const { html } = convert('```js\nconst a = 1;\n```');
    assert.match(html, /<code class="hljs language-js"><span class="hljs-keyword">const<\/span>/);
  });

  test('should leave a code block without a language plain', () => {
    assert.equal(convert('```\nconst a = 1;\n```').html, '<pre><code>const a = 1;\n</code></pre>');
  });

  test('should keep the start number of an ordered list', () => {
    assert.match(convert('3. three\n4. four').html, /^<ol start="3">/);
  });

  test('should strip front matter and Liquid tags in the parser', () => {
    const { html, file } = convert('---\ntitle: 글\n---\n{% include ad.html %}\n\n본문');
    assert.equal(html, '<p>본문</p>');
    assert.deepEqual(file.data.matter, { title: '글' });
    assert.equal(file.messages.length, 1);
  });

  test('should keep a placeholder as text and parse real HTML into elements', () => {
    const { html, file } = convert('Run `docker exec` on <container-id>.\n\n<div align="center"><b>굵게</b></div>');
    assert.match(html, /<p>Run <code>docker exec<\/code> on &#x3C;container-id>\.<\/p>/);
    assert.match(html, /<div style="text-align: center;"><b>굵게<\/b><\/div>/);
    assert.deepEqual(reasons(file), ['<container-id> is not an HTML element: kept as text']);
  });

  test('should remove scripts from raw HTML with a warning', () => {
    const { html, file } = convert('a\n\n<script>alert(1)</script>');
    assert.doesNotMatch(html, /script/);
    assert.deepEqual(reasons(file), ['removed <script>: EPUB content may not contain it']);
  });

  test('should be reusable: the same input gives the same output', () => {
    assert.equal(convert('# 제목\n\n본문[^a]\n\n[^a]: 주').html, convert('# 제목\n\n본문[^a]\n\n[^a]: 주').html);
  });
});

describe('manuscript/split-chapters.ts', () => {
  /** Parses Markdown (with GFM footnotes) into a tree. */
  function parse(markdown: string): MdastRoot {
    const processor = unified().use(remarkParse).use(remarkGfm);
    return processor.runSync(processor.parse(markdown)) as MdastRoot;
  }

  /** The node types of a chunk, for compact assertions. */
  function types(chunk: Chunk | undefined): string[] {
    return (chunk?.tree.children ?? []).map((n) => n.type);
  }

  test('should make one chunk per H1, each starting with its heading', () => {
    const chunks = splitChapters(parse('# One\n\ntext\n\n## Sub\n\n# Two\n\nmore'));
    assert.equal(chunks.length, 2);
    assert.deepEqual(
      chunks.map((c) => [toString(c.tree.children[0]), c.hasHeading, c.line]),
      [
        ['One', true, 1],
        ['Two', true, 7],
      ],
    );
    assert.deepEqual(types(chunks[0]), ['heading', 'paragraph', 'heading']);
  });

  test('should make the text before the first H1 a chunk of its own, without a heading', () => {
    const chunks = splitChapters(parse('Preface text.\n\n# One\n\ntext'));
    assert.deepEqual(
      chunks.map((c) => [c.hasHeading, c.line]),
      [
        [false, 1],
        [true, 3],
      ],
    );
  });

  test('should not split at H2 or setext H2, but at a setext H1', () => {
    const chunks = splitChapters(parse('Title\n=====\n\nSub\n---\n\n## Also sub\n\nOther\n=====\n'));
    assert.equal(chunks.length, 2);
    assert.equal(chunks[1]?.hasHeading, true);
    assert.equal(chunks[1]?.line, 9);
  });

  test('should keep a file without H1 in one chunk', () => {
    const chunks = splitChapters(parse('## Only sub\n\ntext'));
    assert.equal(chunks.length, 1);
    assert.equal(chunks[0]?.hasHeading, false);
  });

  test('should give an empty file no chunk', () => {
    assert.deepEqual(splitChapters(parse('')), []);
  });

  test('should give every chunk all footnote definitions, wherever they stood', () => {
    const chunks = splitChapters(parse('# One\n\nA[^a].\n\n[^a]: Note A.\n\n# Two\n\nB[^b].\n\n[^b]: Note B.'));
    assert.deepEqual(types(chunks[0]), ['heading', 'paragraph', 'footnoteDefinition', 'footnoteDefinition']);
    assert.deepEqual(types(chunks[1]), ['heading', 'paragraph', 'footnoteDefinition', 'footnoteDefinition']);
    assert.deepEqual(
      chunks[1]?.tree.children.slice(2).map((n) => (n.type === 'footnoteDefinition' ? n.identifier : '')),
      ['a', 'b'],
    );
  });
});

describe('manuscript/parse.ts', () => {
  const labels = labelsFor('ko');

  test('should parse a file into chapters split at H1 with their headings and lines', () => {
    const dir = tempTree({ 'a.md': '서문\n\n# 첫째\n\n본문\n\n# 둘째\n\n끝\n' });
    const parsed = new ManuscriptParser(labels).parse(path.join(dir, 'a.md'));
    assert.deepEqual(
      parsed.chapters.map((c) => [c.heading, c.line]),
      [
        [undefined, 1],
        ['첫째', 3],
        ['둘째', 7],
      ],
    );
    assert.equal(toHtml(parsed.chapters[1]?.tree ?? { type: 'root', children: [] }), '<h1>첫째</h1>\n<p>본문</p>');
  });

  test('should take the front matter title and keep the messages of the file', () => {
    const dir = tempTree({ 'post.md': '---\ntitle: "  Jekyll 글  "\n---\n{% include x %}\n\n본문\n' });
    const parsed = new ManuscriptParser(labels).parse(path.join(dir, 'post.md'));
    assert.equal(parsed.matterTitle, 'Jekyll 글');
    assert.deepEqual(
      parsed.messages.map((m) => m.ruleId),
      ['liquid'],
    );
  });

  test('should report removed invisible characters at their line and column', () => {
    const dir = tempTree({ 'a.md': '# 제목\n\n본\uFFFC문\n' });
    const parsed = new ManuscriptParser(labels).parse(path.join(dir, 'a.md'));
    const message = parsed.messages[0];
    assert.equal(message?.reason, 'removed the invisible character U+FFFC');
    assert.deepEqual([message?.line, message?.column], [3, 2]);
    assert.doesNotMatch(toHtml(parsed.chapters[0]?.tree ?? { type: 'root', children: [] }), /\uFFFC/);
  });

  test('should not parse a file again while its content is unchanged', () => {
    const dir = tempTree({ 'a.md': '# 하나\n' });
    const file = path.join(dir, 'a.md');
    const parser = new ManuscriptParser(labels, { keep: true });
    const first = parser.parse(file);
    // Same content written again: the modification time changes, the content hash does not.
    fs.writeFileSync(file, '# 하나\n');
    const second = parser.parse(file);
    // The messages array is made by a parse and handed out as is: the same array means no new parse.
    assert.equal(second.messages, first.messages);
    assert.equal(second.hash, first.hash);
  });

  test('should hand out the same shared result while the file is unchanged', () => {
    const dir = tempTree({ 'a.md': '# 하나\n' });
    const file = path.join(dir, 'a.md');
    const parser = new ManuscriptParser(labels, { keep: true });
    assert.equal(parser.parse(file), parser.parse(file));
  });

  test('should parse a file again when its content changed', () => {
    const dir = tempTree({ 'a.md': '# 하나\n' });
    const file = path.join(dir, 'a.md');
    const parser = new ManuscriptParser(labels, { keep: true });
    const first = parser.parse(file);
    fs.writeFileSync(file, '# 둘\n');
    const second = parser.parse(file);
    assert.notEqual(second.messages, first.messages);
    assert.notEqual(second.hash, first.hash);
    assert.equal(second.chapters[0]?.heading, '둘');
  });

  test('should parse a file again after forget', () => {
    const dir = tempTree({ 'a.md': '# 하나\n' });
    const file = path.join(dir, 'a.md');
    const parser = new ManuscriptParser(labels, { keep: true });
    const first = parser.parse(file);
    parser.forget(file);
    assert.notEqual(parser.parse(file).messages, first.messages);
  });

  test('should not keep parsed files without keep (one-off builds)', () => {
    const dir = tempTree({ 'a.md': '# 하나\n' });
    const file = path.join(dir, 'a.md');
    const parser = new ManuscriptParser(labels);
    assert.notEqual(parser.parse(file).messages, parser.parse(file).messages);
  });

  test('should make a title from a file name without extension and order prefix', () => {
    assert.equal(titleFromFileName('/book/manuscript/01-getting-started.md'), 'getting started');
    assert.equal(titleFromFileName('02_도커_설치.md'), '도커 설치');
    assert.equal(titleFromFileName('appendix.markdown'), 'appendix');
  });

  test('should fall back to the whole file name when nothing is left', () => {
    assert.equal(titleFromFileName('00.md'), '00.md');
  });

  test('should drop the date of a Jekyll post name', () => {
    assert.equal(titleFromFileName('_posts/2021-04-29-hello-world.md'), 'hello world');
  });
});

describe('manuscript/images.ts', () => {
  const png = solidPng(2, 3, [200, 30, 30]);
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"/>';

  /** A book folder with a chapter, images beside it and in assets/, and its resolved config. */
  function book(): { config: BookConfig; chapter: string } {
    const root = tempTree({
      'manuscript/book.yaml': 'title: T\nauthor: A\nlanguage: ko\nidentifier: id\n',
      'manuscript/part/ch.md': '# 장\n',
      'manuscript/part/local.png': png,
      'manuscript/part/한글 이름.svg': svg,
      'assets/shared.svg': svg,
      'assets/not-image.png': 'This is text, whatever the name says.',
      'secret.png': png,
    });
    return { config: loadConfig(root, new Diagnostics()), chapter: path.join(root, 'manuscript/part/ch.md') };
  }

  test('should load an image relative to the chapter file', () => {
    const { config, chapter } = book();
    const loaded = loadLocalImage('local.png', chapter, config);
    assert.ok('data' in loaded);
    assert.deepEqual(loaded.info, { mediaType: 'image/png', extension: 'png', width: 2, height: 3 });
    assert.ok(loaded.data.equals(png));
  });

  test('should decode percent-encoded names and ignore query and fragment', () => {
    const { config, chapter } = book();
    const loaded = loadLocalImage(`${encodeURIComponent('한글 이름')}.svg?v=2#x`, chapter, config);
    assert.ok('data' in loaded);
    assert.equal(loaded.info.mediaType, 'image/svg+xml');
  });

  test('should fall back to assets/ when the chapter folder lacks the image', () => {
    const { config, chapter } = book();
    const loaded = loadLocalImage('shared.svg', chapter, config);
    assert.ok('data' in loaded);
    assert.equal(loaded.info.extension, 'svg');
  });

  test('should read a root-relative path from the book root', () => {
    const { config, chapter } = book();
    assert.ok('data' in loadLocalImage('/assets/shared.svg', chapter, config));
  });

  test('should refuse a path that leaves the book folder', () => {
    const { config, chapter } = book();
    assert.deepEqual(failure(loadLocalImage('../../../../etc/passwd', chapter, config)), ['error', 'the path leaves the book folder, so it is not read']);
  });

  test('should read an image elsewhere inside the book folder', () => {
    const { config, chapter } = book();
    assert.ok('data' in loadLocalImage('../../secret.png', chapter, config));
  });

  test('should reject a file that is not an image, whatever its name', () => {
    const { config, chapter } = book();
    assert.deepEqual(failure(loadLocalImage('not-image.png', chapter, config)), ['warning', `${path.join('assets', 'not-image.png')} is not a PNG, JPEG, GIF, WebP or SVG image`]);
  });

  test('should say where it looked for a missing file', () => {
    const { config, chapter } = book();
    assert.deepEqual(failure(loadLocalImage('gone.png', chapter, config)), [
      'warning',
      `no such file (looked for ${path.join('manuscript', 'part', 'gone.png')} and ${path.join('assets', 'gone.png')})`,
    ]);
  });

  test('should refuse other URL schemes and an empty path', () => {
    const { config, chapter } = book();
    assert.deepEqual(failure(loadLocalImage('data:image/png;base64,AAAA', chapter, config)), ['warning', 'only local files and http(s) addresses can be embedded']);
    assert.deepEqual(failure(loadLocalImage('', chapter, config)), ['warning', 'the image has no path']);
  });

  test('should name an asset after its content', () => {
    const assets = new Map<string, Asset>();
    const asset = registerAsset(assets, png, { mediaType: 'image/png', extension: 'png', width: 2, height: 3 }, 'a.png');
    assert.match(asset.href, /^images\/[0-9a-f]{16}\.png$/);
    assert.deepEqual({ ...asset, data: undefined }, { href: asset.href, mediaType: 'image/png', data: undefined, origin: 'a.png', width: 2, height: 3 });
    assert.equal(assets.get(asset.href), asset);
  });

  test('should register the same bytes once, whatever their origin', () => {
    const assets = new Map<string, Asset>();
    const info = { mediaType: 'image/png', extension: 'png' } as const;
    const first = registerAsset(assets, png, info, 'a.png');
    const second = registerAsset(assets, Buffer.from(png), info, 'copy/of-a.png');
    assert.equal(second, first);
    assert.equal(assets.size, 1);
    assert.notEqual(registerAsset(assets, solidPng(1, 1, [0, 0, 0]), info, 'b.png').href, first.href);
  });

  test('should give the same bytes the same name in every build', () => {
    const info = { mediaType: 'image/png', extension: 'png' } as const;
    assert.equal(registerAsset(new Map(), png, info, 'a').href, registerAsset(new Map(), png, info, 'b').href);
  });
});

describe('manuscript/decode.ts', () => {
  const encode = (text: string, label: string): Buffer => Buffer.from(execFileSync('iconv', ['-f', 'utf-8', '-t', label], { input: text }));

  test('should read UTF-8 with or without a byte-order mark silently', () => {
    assert.deepEqual(decodeManuscript(Buffer.from('# 장\n'), 'ko'), { text: '# 장\n' });
    assert.deepEqual(decodeManuscript(Buffer.from('\uFEFF# 장\n'), 'ko'), { text: '# 장\n' });
  });

  test('should read a Korean file saved as CP949 as such, warning at the first byte that is not UTF-8', () => {
    const decoded = decodeManuscript(encode('# Title\n\n본문입니다.\n', 'cp949'), 'ko');
    assert.equal(decoded.text, '# Title\n\n본문입니다.\n');
    assert.deepEqual(decoded.problem && plain(decoded.problem), { severity: 'warning', message: 'the file is not UTF-8: read it as EUC-KR (CP949) (save it as UTF-8)', line: 3, column: 1 });
    assert.equal(decoded.problem?.ruleId, 'encoding');
  });

  test('should read Shift_JIS, GB18030 and Big5 files by the book language', () => {
    assert.equal(decodeManuscript(encode('日本語の本文\n', 'shift_jis'), 'ja').text, '日本語の本文\n');
    assert.equal(decodeManuscript(encode('中文正文\n', 'gb18030'), 'zh-CN').text, '中文正文\n');
    assert.equal(decodeManuscript(encode('繁體中文\n', 'big5'), 'zh-TW').text, '繁體中文\n');
  });

  test('should read UTF-16 with a byte-order mark, with a warning', () => {
    const decoded = decodeManuscript(encode('# 장\n', 'utf-16'), 'ko');
    assert.equal(decoded.text, '# 장\n');
    assert.equal(decoded.problem?.fatal, false);
  });

  test('should refuse bytes that are neither UTF-8 nor the language’s older encoding, with their line', () => {
    const decoded = decodeManuscript(Buffer.concat([Buffer.from('좋은 줄\n'), Buffer.from([0xff, 0xff, 0xff])]), 'ko');
    assert.equal(decoded.problem?.fatal, true);
    assert.equal(decoded.problem?.line, 2);
    assert.match(decoded.problem?.reason ?? '', /not valid UTF-8, nor EUC-KR/);
  });
});

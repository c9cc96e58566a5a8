/** GitHub's alerts, math and bare URLs next to CJK text, through the passes every chapter goes through. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Element, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import type { Root as MdastRoot } from 'mdast';
import { VFile } from 'vfile';
import { labelsFor } from '../../scripts/config/labels.js';
import { hasClass } from '../../scripts/markdown/hast-classes.js';
import { headingText } from '../../scripts/markdown/rehype-heading-ids.js';
import { createHtmlConverter, createMarkdownParser, epubPasses, printPasses } from '../../scripts/markdown/processor.js';
import { splitLiteral } from '../../scripts/markdown/remark-autolink-bounds.js';
import { reasons, select, selectAll } from './helpers.js';

const parser = createMarkdownParser();
const korean = createHtmlConverter(labelsFor('ko'));

/** Markdown through both processors, as one chapter of a book in `converter`'s language. */
function convert(markdown: string, converter = korean): { tree: HastRoot; html: string; file: VFile } {
  const file = new VFile({ path: 'chapter.md', value: markdown });
  const mdast = parser.runSync(parser.parse(file), file) as MdastRoot;
  const tree = converter.runSync(mdast, file) as HastRoot;
  return { tree, html: toHtml(tree), file };
}

/** The messages of a file as `line:column reason` lines. */
function placed(file: VFile): string[] {
  return file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`);
}

describe('markdown/remark-alerts.ts', () => {
  test('should make each of the five kinds a note box titled in the book language, with an icon', () => {
    const kinds = { NOTE: '참고', TIP: '팁', IMPORTANT: '중요', WARNING: '경고', CAUTION: '주의' };
    for (const [marker, title] of Object.entries(kinds)) {
      const { tree, file } = convert(`> [!${marker}]\n> 본문입니다.`);
      const box = select(tree, (e) => e.tagName === 'div');
      assert.deepEqual(box?.properties.className, ['alert', `alert-${marker.toLowerCase()}`]);
      assert.equal(box?.properties.role, 'note');
      assert.equal(select(tree, (e) => e.tagName === 'blockquote'), undefined);
      const heading = select(tree, (e) => hasClass(e, 'alert-title')) as Element;
      assert.equal(toString(heading), title);
      const icon = select(heading, (e) => e.tagName === 'svg');
      assert.equal(icon?.properties.ariaHidden, 'true');
      assert.ok(selectAll(icon as Element, (e) => e.tagName === 'path').length >= 2);
      assert.equal(toString(select(tree, (e) => e.tagName === 'p' && !hasClass(e, 'alert-title')) as Element), '본문입니다.');
      assert.deepEqual(reasons(file), []);
    }
  });

  test('should draw each kind with an icon of its own', () => {
    const icons = ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'].map((m) => toHtml(select(convert(`> [!${m}]\n> x`).tree, (e) => e.tagName === 'svg') as Element));
    assert.equal(new Set(icons).size, 5);
  });

  test('should read the marker in any case, before a soft or a hard break, and keep every block of the quote', () => {
    const { tree } = convert('> [!tip]  \n> 첫 줄\n>\n> 둘째 문단\n>\n> - 목록');
    const box = select(tree, (e) => e.tagName === 'div') as Element;
    assert.deepEqual(box.properties.className, ['alert', 'alert-tip']);
    assert.deepEqual(
      selectAll(box, (e) => e.tagName === 'p').map((p) => toString(p)),
      ['팁', '첫 줄', '둘째 문단'],
    );
    assert.ok(select(box, (e) => e.tagName === 'ul'));
    assert.doesNotMatch(toHtml(box), /\[!tip\]|<br>/);
  });

  test('should take the titles from the labels: other languages, Traditional Chinese and an override', () => {
    const title = (language: string, overrides?: Record<string, string>): string =>
      toString(select(convert('> [!NOTE]\n> x', createHtmlConverter(labelsFor(language, overrides))).tree, (e) => hasClass(e, 'alert-title')) as Element);
    assert.equal(title('en'), 'Note');
    assert.equal(title('ja'), 'メモ');
    assert.equal(title('zh-CN'), '备注');
    assert.equal(title('zh-TW'), '附註');
    assert.equal(title('zh-Hant'), '附註');
    assert.equal(title('ko', { note: '알아 두기' }), '알아 두기');
  });

  test('should keep an unknown kind a quote, with a warning at its line', () => {
    const { tree, file } = convert('문단\n\n> [!UNKNOWN]\n> 무엇일까요');
    assert.ok(select(tree, (e) => e.tagName === 'blockquote'));
    assert.match(toString(tree), /\[!UNKNOWN\]/);
    assert.deepEqual(placed(file), ['3:3 unknown alert [!UNKNOWN]: kept as a quote (GitHub knows [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION])']);
    assert.equal(file.messages[0]?.ruleId, 'alert');
  });

  test('should keep quotes that GitHub keeps: text after the marker, an alert in a list, an empty alert', () => {
    const { tree, file } = convert('> [!NOTE] 제목\n> 본문\n\n- > [!WARNING]\n  > 목록 안\n\n> [!CAUTION]');
    assert.equal(select(tree, (e) => e.tagName === 'div'), undefined);
    assert.equal(selectAll(tree, (e) => e.tagName === 'blockquote').length, 3);
    assert.deepEqual(placed(file), [
      '1:3 the alert marker [!NOTE] must be alone on its line: kept as a quote',
      '4:5 an alert cannot be nested in another element: [!WARNING] kept as a quote, as on GitHub',
      '7:3 the alert [!CAUTION] has nothing in it: kept as a quote',
    ]);
  });

  test('should leave other quotes and link-like text alone', () => {
    const { tree, file } = convert('> 그냥 인용\n\n> [링크](https://example.com) 인용');
    assert.equal(selectAll(tree, (e) => e.tagName === 'blockquote').length, 2);
    assert.deepEqual(reasons(file), []);
  });
});

describe('markdown/remark-math-dollars.ts and rehype-math.ts', () => {
  /** The TeX of every typeset formula in `markdown`, in order. */
  function formulas(markdown: string): string[] {
    const { tree } = convert(markdown);
    return selectAll(tree, (e) => e.tagName === 'annotation').map((a) => toString(a));
  }

  test('should keep prices and shell variables text, by GitHub rules', () => {
    for (const prose of ['It costs $5 and $10.', 'set $HOME and $PATH', 'It costs $5.', 'from $20,000 to $30,000', 'a $ x $ b', 'paid $5. Let', '$x$5 apples', '\\$x$ escaped']) {
      const { html, file } = convert(prose);
      assert.doesNotMatch(html, /katex|<code/, prose);
      assert.deepEqual(reasons(file), [], prose);
    }
  });

  test('should typeset $…$, $`…`$, $$…$$ and ```math, next to dollars that stay text', () => {
    assert.deepEqual(formulas('I paid $5. Let $x^2$ be, and $`\\sqrt{2}`$ too, with $\\$5$ inside.'), ['x^2', '\\sqrt{2}', '\\$5']);
    assert.deepEqual(formulas('$a +\nb$ over two lines'), ['a +\nb']);
    const { tree } = convert('$$\n\\int_0^1 x\\,dx\n$$\n\n```math\n\\frac{a}{b}\n```\n\n$$E=mc^2$$');
    const displays = selectAll(tree, (e) => hasClass(e, 'math-display'));
    assert.equal(displays.length, 3);
    assert.deepEqual(
      displays.map((d) => toString(select(d, (e) => e.tagName === 'annotation') as Element)),
      ['\\int_0^1 x\\,dx', '\\frac{a}{b}', 'E=mc^2'],
    );
    for (const d of displays) assert.equal(select(d, (e) => e.tagName === 'math')?.properties.display, 'block');
    assert.equal(select(tree, (e) => e.tagName === 'pre'), undefined);
  });

  test('should typeset a formula written again as its own nodes, alike in HTML and independent', () => {
    const { tree } = convert('$x^2$ and $x^2$ again.\n\n$x^2$ in a later chapter of the same build.');
    const again = convert('Then $x^2$.').tree;
    const formulasOf = (root: HastRoot): Element[] => selectAll(root, (e) => hasClass(e, 'katex'));
    const all = [...formulasOf(tree), ...formulasOf(again)];
    assert.equal(all.length, 4);
    assert.equal(new Set(all.map((f) => toHtml(f))).size, 1, 'the same HTML each time');
    (all[0] as Element).properties.id = 'changed';
    assert.equal(new Set(all.slice(1).map((f) => toHtml(f))).size, 1);
    assert.doesNotMatch(toHtml(all[1] as Element), /changed/, 'changing one place leaves the others alone');
  });

  test('should name a formula in a heading by its TeX, once', () => {
    const heading = select(convert('## 질량과 에너지 $E=mc^2$').tree, (e) => e.tagName === 'h2') as Element;
    assert.equal(headingText(heading), '질량과 에너지 E=mc^2');
  });

  test('should leave dollars in code alone', () => {
    const { html } = convert('`$x$` and\n\n```sh\necho "$HOME" $x$\n```');
    assert.doesNotMatch(html, /katex/);
  });

  test('should show invalid TeX as its source in code, with a warning at its line', () => {
    const { tree, file } = convert('첫 줄\n\n잘못된 $\\frac{1}{$ 수식\n\n$$\n\\left(\n$$');
    const inline = select(tree, (e) => e.tagName === 'code' && hasClass(e, 'math-error'));
    assert.equal(toString(inline as Element), '\\frac{1}{');
    const block = select(tree, (e) => e.tagName === 'pre' && hasClass(e, 'math-error'));
    assert.equal(toString(block as Element), '\\left(');
    assert.equal(file.messages.length, 2);
    assert.deepEqual(
      file.messages.map((m) => [m.line, m.ruleId]),
      [
        [3, 'math'],
        [5, 'math'],
      ],
    );
    assert.match(file.messages[0]?.reason ?? '', /^invalid TeX, shown as its source: KaTeX parse error/);
  });

  test('should give the EPUB MathML with the TeX as alttext, and the print KaTeX HTML without MathML', () => {
    const { tree } = convert('식 $x^2$\n\n$$\n\\frac{a}{b}\n$$');
    const epub = toHtml(epubPasses(new Map(), undefined, true).run(tree, 'chapter.md').tree);
    assert.doesNotMatch(epub, /katex/);
    assert.match(epub, /<p>식 <math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" alttext="x\^2">/);
    assert.match(epub, /<div class="math-display"><math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML" display="block" alttext="\\frac\{a\}\{b\}">/);
    const print = toHtml(printPasses(60).run(tree, 'chapter.md').tree);
    assert.doesNotMatch(print, /<math|katex-mathml/);
    // Not hidden: Chromium leaves a picture whose content is all hidden out of the tagged PDF.
    assert.match(print, /<span class="katex" role="img" aria-label="x\^2"><span class="katex-html">/);
    // The shared tree keeps both forms for the preview.
    assert.match(toHtml(tree), /katex-mathml[^]*katex-html/);
  });
});

describe('markdown/remark-autolink-bounds.ts', () => {
  /** The links of a paragraph as [text, href] pairs. */
  function links(markdown: string): [string, string][] {
    return selectAll(convert(markdown).tree, (e) => e.tagName === 'a').map((a) => [toString(a), String(a.properties.href)]);
  }

  test('should end a bare URL before a ) it did not open, even when Korean follows', () => {
    const { html } = convert('Docker Hub(https://hub.docker.com)에서 받습니다.');
    assert.equal(html, '<p>Docker Hub(<a href="https://hub.docker.com">https://hub.docker.com</a>)에서 받습니다.</p>');
  });

  test('should keep balanced parentheses in a URL (Wikipedia style)', () => {
    assert.deepEqual(links('https://en.wikipedia.org/wiki/Foo_(bar) 와 (https://en.wikipedia.org/wiki/Foo_(bar))에서'), [
      ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
      ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ]);
  });

  test('should end a bare URL before full-width punctuation, and link the next URL in the same run', () => {
    const { html } = convert('官网：https://www.docker.com，文档：https://docs.docker.com。镜像在 Docker Hub（https://hub.docker.com）下载，见 www.example.com」。');
    assert.equal(
      html,
      '<p>官网：<a href="https://www.docker.com">https://www.docker.com</a>，文档：<a href="https://docs.docker.com">https://docs.docker.com</a>。镜像在 Docker Hub（<a href="https://hub.docker.com">https://hub.docker.com</a>）下载，见 <a href="http://www.example.com">www.example.com</a>」。</p>',
    );
  });

  test('should drop GFM trailing punctuation left at the new end', () => {
    assert.deepEqual(links('주소(https://example.com/a.)입니다'), [['https://example.com/a', 'https://example.com/a']]);
  });

  test('should leave written links and angle-bracket autolinks alone', () => {
    assert.deepEqual(links('[https://a.com。b](https://a.com。b) <https://x.com)y>'), [
      ['https://a.com。b', 'https://a.com%E3%80%82b'],
      ['https://x.com)y', 'https://x.com)y'],
    ]);
  });

  test('should keep source positions on the pieces', () => {
    const file = new VFile({ path: 'chapter.md', value: 'x\n\n보기(https://a.com)에서' });
    const mdast = parser.runSync(parser.parse(file), file) as MdastRoot;
    const paragraph = mdast.children[1] as MdastRoot['children'][number] & { children: { type: string; position?: { start: { line: number; column: number } } }[] };
    assert.deepEqual(
      paragraph.children.map((c) => [c.type, c.position?.start.line, c.position?.start.column]),
      [
        ['text', 3, 1],
        ['link', 3, 4],
        ['text', 3, 17],
      ],
    );
  });

  test('should cut a URL with nothing after its scheme into prose', () => {
    assert.deepEqual(splitLiteral('https://）다음', ''), [{ start: 0, end: 11 }]);
  });
});

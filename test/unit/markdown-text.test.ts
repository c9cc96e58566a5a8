/** Markdown text stages: invisible characters and the remark plugins. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codePointName, removeInvisibleCharacters } from '../../scripts/markdown/invisible-characters.js';
import remarkFrontMatter from '../../scripts/markdown/remark-front-matter.js';
import remarkLiquid from '../../scripts/markdown/remark-liquid.js';
import remarkRawHtml from '../../scripts/markdown/remark-raw-html.js';
import remarkUndefinedFootnotes from '../../scripts/markdown/remark-undefined-footnotes.js';
import { mdastToHtml, reasons, runRemark } from './helpers.js';

describe('markdown/invisible-characters.ts', () => {
  test('should return clean text unchanged with nothing removed', () => {
    assert.deepEqual(removeInvisibleCharacters('# 도커\n\ttab\r\nline'), { text: '# 도커\n\ttab\r\nline', removed: [] });
  });

  test('should remove U+FFFC with its line and column', () => {
    assert.deepEqual(removeInvisibleCharacters('first\nsec\uFFFCond'), {
      text: 'first\nsecond',
      removed: [{ codePoint: 0xfffc, line: 2, column: 4 }],
    });
  });

  test('should remove C0 controls and DEL but keep tab, line feed and carriage return', () => {
    const { text, removed } = removeInvisibleCharacters('a\u0000b\u0008c\u000Bd\u001Fe\u007Ff\tg\r\nh');
    assert.equal(text, 'abcdef\tg\r\nh');
    assert.deepEqual(
      removed.map((r) => r.codePoint),
      [0x00, 0x08, 0x0b, 0x1f, 0x7f],
    );
  });

  test('should give each of several removals on one line its column in the original text', () => {
    assert.deepEqual(
      removeInvisibleCharacters('x\u0001\u0001y').removed.map((r) => [r.line, r.column]),
      [
        [1, 2],
        [1, 3],
      ],
    );
  });

  test('should count lines across CRLF line endings', () => {
    assert.deepEqual(removeInvisibleCharacters('a\r\nb\r\n\u0002c').removed, [{ codePoint: 2, line: 3, column: 1 }]);
  });

  test('should drop a leading BOM without reporting it', () => {
    assert.deepEqual(removeInvisibleCharacters('\uFEFF# Title'), { text: '# Title', removed: [] });
  });

  test('should remove a BOM in the middle of the text and report it', () => {
    assert.deepEqual(removeInvisibleCharacters('ab\ncd\uFEFFef'), {
      text: 'ab\ncdef',
      removed: [{ codePoint: 0xfeff, line: 2, column: 3 }],
    });
  });

  test('should remove a second BOM right after the leading one', () => {
    const { text, removed } = removeInvisibleCharacters('\uFEFF\uFEFF# Title');
    assert.equal(text, '# Title');
    assert.equal(removed.length, 1);
  });

  test('should be usable twice in a row (the global pattern keeps no state)', () => {
    assert.equal(removeInvisibleCharacters('a\u0001').text, 'a');
    assert.equal(removeInvisibleCharacters('b\u0001').text, 'b');
    assert.equal(removeInvisibleCharacters('c').removed.length, 0);
  });

  test('should name code points as U+XXXX', () => {
    assert.equal(codePointName(0xfffc), 'U+FFFC');
    assert.equal(codePointName(0x1), 'U+0001');
  });
});

describe('markdown/remark-front-matter.ts', () => {
  test('should read YAML front matter into file.data.matter and remove it from the tree', () => {
    const { tree, file } = runRemark('---\ntitle: 도커 입문\ntags: [a, b]\n---\n# Heading\n', [remarkFrontMatter]);
    assert.deepEqual(file.data.matter, { title: '도커 입문', tags: ['a', 'b'] });
    assert.deepEqual(
      tree.children.map((n) => n.type),
      ['heading'],
    );
    assert.equal(file.messages.length, 0);
  });

  test('should accept Jekyll keys such as layout, aside and sidebar without a message', () => {
    const { file } = runRemark('---\nlayout: post\naside: true\nsidebar:\n  nav: docs\ntitle: Post\n---\ntext\n', [remarkFrontMatter]);
    assert.deepEqual(file.data.matter, { layout: 'post', aside: true, sidebar: { nav: 'docs' }, title: 'Post' });
    assert.equal(file.messages.length, 0);
  });

  test('should leave file.data.matter unset without front matter', () => {
    const { tree, file } = runRemark('# Heading\n\n---\n\ntext\n', [remarkFrontMatter]);
    assert.equal(file.data.matter, undefined);
    assert.equal(tree.children[0]?.type, 'heading');
  });

  test('should accept empty front matter without a message', () => {
    const { tree, file } = runRemark('---\n---\n# Heading\n', [remarkFrontMatter]);
    assert.equal(file.data.matter, undefined);
    assert.equal(file.messages.length, 0);
    assert.equal(tree.children[0]?.type, 'heading');
  });

  test('should report broken YAML as a fatal message at its line in the Markdown file', () => {
    const { file } = runRemark('---\ntitle: ok\nbroken: [1, 2\n---\n# Heading\n', [remarkFrontMatter]);
    assert.equal(file.data.matter, undefined);
    const message = file.messages[0];
    assert.ok(message);
    assert.equal(message.fatal, true);
    assert.equal(message.ruleId, 'front-matter');
    assert.match(message.reason, /^invalid front matter: /);
    // Line 1 is the opening ---, so the YAML's second line is the file's third.
    assert.equal(message.line, 3);
  });

  test('should report front matter that is not a mapping as fatal', () => {
    const { file } = runRemark('---\n- a\n- b\n---\ntext\n', [remarkFrontMatter]);
    assert.equal(file.data.matter, undefined);
    assert.equal(file.messages.length, 1);
    assert.equal(file.messages[0]?.fatal, true);
    assert.match(file.messages[0]?.reason ?? '', /must be a mapping/);
  });
});

describe('markdown/remark-liquid.ts', () => {
  test('should remove a Liquid tag from a sentence with a warning naming it', () => {
    const { tree, file } = runRemark('before {% include ad.html %}after\n', [remarkLiquid]);
    assert.equal(mdastToHtml(tree), '<p>before after</p>');
    assert.deepEqual(reasons(file), ['removed the Liquid tag {% include ad.html %}: it only works in Jekyll']);
    assert.equal(file.messages[0]?.ruleId, 'liquid');
    assert.equal(file.messages[0]?.line, 1);
  });

  test('should remove whitespace-control tags ({%- -%}) too', () => {
    const { tree, file } = runRemark('a{%- if x -%}b\n', [remarkLiquid]);
    assert.equal(mdastToHtml(tree), '<p>ab</p>');
    assert.deepEqual(reasons(file), ['removed the Liquid tag {% if x %}: it only works in Jekyll']);
  });

  test('should drop paragraphs that held nothing but Liquid tags', () => {
    const { tree, file } = runRemark('one\n\n{% raw %}\n\ntwo\n\n{% endraw %}\n', [remarkLiquid]);
    assert.equal(mdastToHtml(tree), '<p>one</p>\n<p>two</p>');
    assert.equal(file.messages.length, 2);
    assert.equal(file.messages[1]?.line, 7);
  });

  test('should leave inline code and code blocks untouched', () => {
    const { tree, file } = runRemark('`{% include x %}`\n\n```liquid\n{% for a in b %}\n```\n', [remarkLiquid]);
    assert.equal(mdastToHtml(tree), '<p><code>{% include x %}</code></p>\n<pre><code class="language-liquid">{% for a in b %}\n</code></pre>');
    assert.equal(file.messages.length, 0);
  });

  test('should keep text that merely contains {% without a closing %}', () => {
    const { tree, file } = runRemark('100{% of it\n', [remarkLiquid]);
    assert.equal(mdastToHtml(tree), '<p>100{% of it</p>');
    assert.equal(file.messages.length, 0);
  });

  test('should keep the space between words on both sides of a removed tag', () => {
    const { tree } = runRemark('**bold** {% x %} *em*\n', [remarkLiquid]);
    assert.match(mdastToHtml(tree), /<\/strong>\s+<em>/);
  });
});

describe('markdown/remark-raw-html.ts', () => {
  test('should keep an inline placeholder such as <username> as visible text with a warning', () => {
    const { tree, file } = runRemark('Log in as <username> now.\n', [remarkRawHtml]);
    assert.equal(mdastToHtml(tree), '<p>Log in as &#x3C;username> now.</p>');
    assert.deepEqual(reasons(file), ['<username> is not an HTML element: kept as text']);
    assert.equal(file.messages[0]?.ruleId, 'raw-html');
    assert.equal(file.messages[0]?.line, 1);
    assert.equal(file.messages[0]?.column, 11);
  });

  test('should give a block placeholder on its own line a paragraph', () => {
    const { tree } = runRemark('<container-id>\n', [remarkRawHtml]);
    assert.equal(tree.children[0]?.type, 'paragraph');
    assert.equal(mdastToHtml(tree), '<p>&#x3C;container-id></p>');
  });

  test('should keep real HTML elements raw without a message', () => {
    const { tree, file } = runRemark('Press <kbd>Ctrl</kbd>.\n\n<div class="note">\n\n*x*\n\n</div>\n', [remarkRawHtml]);
    assert.equal(mdastToHtml(tree), '<p>Press <kbd>Ctrl</kbd>.</p>\n<div class="note">\n<p><em>x</em></p>\n</div>');
    assert.equal(file.messages.length, 0);
  });

  test('should treat tag names case-insensitively when deciding what is HTML', () => {
    const { file } = runRemark('<DIV>x</DIV>\n', [remarkRawHtml]);
    assert.equal(file.messages.length, 0);
  });

  test('should drop HTML comments, and the node when nothing else is left', () => {
    const { tree, file } = runRemark('a <!-- note --> b\n\n<!-- block comment -->\n\nc\n', [remarkRawHtml]);
    assert.equal(mdastToHtml(tree), '<p>a  b</p>\n<p>c</p>');
    assert.equal(file.messages.length, 0);
  });

  test('should keep the drawing of an inline SVG', () => {
    const { tree, file } = runRemark('<svg width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>\n', [remarkRawHtml]);
    assert.equal(file.messages.length, 0);
    assert.doesNotMatch(mdastToHtml(tree), /&#x3C;circle/);
  });
});

describe('markdown/remark-undefined-footnotes.ts', () => {
  test('should name a footnote reference without a definition at its line and column, and leave defined ones alone', () => {
    const { file } = runRemark('Defined[^a] and\nmissing [^오타] here.\n\n[^a]: Note.\n\n`[^code]` is code.\n', [remarkUndefinedFootnotes]);
    assert.deepEqual(reasons(file), ['footnote [^오타] has no definition: kept as text']);
    assert.deepEqual([file.messages[0]?.line, file.messages[0]?.column], [2, 9]);
  });
});

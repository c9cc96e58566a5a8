/** The rehype plugins, each on small HTML trees. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import GithubSlugger from 'github-slugger';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Heading } from '../../scripts/manuscript/model.js';
import rehypeFootnotes from '../../scripts/markdown/rehype-footnotes.js';
import rehypeHeadingIds, { type IdRegistry } from '../../scripts/markdown/rehype-heading-ids.js';
import rehypeLinks, { resolveLink, type LinkTargets, type LinksOptions } from '../../scripts/markdown/rehype-links.js';
import rehypeTableAlign from '../../scripts/markdown/rehype-table-align.js';
import rehypeXhtmlSafe, { addStyle } from '../../scripts/markdown/rehype-xhtml-safe.js';
import { reasons, runRehype, select, selectAll, toHast } from './helpers.js';

describe('markdown/rehype-xhtml-safe.ts', () => {
  /** Markdown with raw HTML -> HTML after rehype-xhtml-safe, and the file with its messages. */
  function safe(markdown: string): { html: string; file: VFile } {
    const { tree, file } = toHast(markdown);
    return { html: runRehype(tree, file, [rehypeXhtmlSafe]), file };
  }

  test('should remove <script> with a warning at its line', () => {
    const { html, file } = safe('a\n\n<script>alert(1)</script>\n\nb');
    assert.equal(html, '<p>a</p>\n\n<p>b</p>');
    assert.deepEqual(reasons(file), ['removed <script>: EPUB content may not contain it']);
    assert.equal(file.messages[0]?.line, 3);
    assert.equal(file.messages[0]?.ruleId, 'xhtml');
  });

  test('should remove <style> and <iframe> with a warning each', () => {
    const { html, file } = safe('<style>p { color: red }</style>\n\n<iframe src="https://example.com"></iframe>\n\nkept');
    assert.doesNotMatch(html, /style>|iframe/);
    assert.match(html, /<p>kept<\/p>/);
    assert.deepEqual(reasons(file), ['removed <style>: EPUB content may not contain it', 'removed <iframe>: EPUB content may not contain it']);
  });

  test('should replace <video> by its fallback content, and <audio> without one by a note naming its file', () => {
    const { html, file } = safe('<video src="clip.mp4" controls>\n<source src="clip.webm">\n<p>영상: 설치 과정</p>\n</video>\n\n<audio><source src="talk.mp3"></audio>');
    assert.doesNotMatch(html, /<video|<audio|<source/);
    assert.match(html, /<p>영상: 설치 과정<\/p>/);
    assert.match(html, /<span class="media-missing">\[audio: talk\.mp3\]<\/span>/);
    assert.deepEqual(reasons(file), [
      'replaced <video> by its fallback content: the book does not carry audio or video',
      'replaced <audio> by a note naming its file: the book does not carry audio or video',
    ]);
  });

  test('should give HTML inside an SVG foreignObject the XHTML namespace', () => {
    const { tree, file } = toHast('<svg width="10" height="10"><foreignObject width="10" height="10"><div>텍스트</div></foreignObject></svg>');
    runRehype(tree, file, [rehypeXhtmlSafe]);
    const div = select(tree, (e) => e.tagName === 'div');
    assert.equal(div?.properties.xmlns, 'http://www.w3.org/1999/xhtml');
  });

  test('should turn an old-style <a name> anchor into an id, silently', () => {
    const { html, file } = safe('<a name="legacy"></a> text');
    assert.match(html, /<a id="legacy"><\/a>/);
    assert.deepEqual(reasons(file), []);
  });

  test('should turn align into a text-align style', () => {
    const { html, file } = safe('<div align="center">x</div>');
    assert.equal(html, '<div style="text-align: center;">x</div>');
    assert.equal(file.messages.length, 0);
  });

  test('should append to an existing style instead of replacing it', () => {
    assert.equal(safe('<p style="color: red" align="right">x</p>').html, '<p style="color: red; text-align: right;">x</p>');
  });

  test('should turn bgcolor into background-color and drop border', () => {
    assert.equal(safe('<table border="1"><tr><td bgcolor="#eee">x</td></tr></table>').html, '<table><tbody><tr><td style="background-color: #eee;">x</td></tr></tbody></table>');
  });

  test('should turn valign into vertical-align', () => {
    assert.equal(safe('<table><tr><td valign="top">x</td></tr></table>').html, '<table><tbody><tr><td style="vertical-align: top;">x</td></tr></tbody></table>');
  });

  test('should rename obsolete elements: <center> to a centred div, <font color> to a coloured span', () => {
    assert.equal(safe('<center>c</center>').html, '<div style="text-align: center;">c</div>');
    assert.equal(safe('<p><font color="red" face="Arial">f</font></p>').html, '<p><span style="color: red;">f</span></p>');
  });

  test('should unwrap elements that are not HTML, keeping their content, with a warning', () => {
    const tree: Root = { type: 'root', children: [h('p', [h('username', ['alice ', h('b', 'bob')])])] };
    const file = new VFile();
    assert.equal(runRehype(tree, file, [rehypeXhtmlSafe]), '<p>alice <b>bob</b></p>');
    assert.deepEqual(reasons(file), ['<username> is not an HTML element: kept its text']);
  });

  test('should keep namespaced elements such as epub:switch', () => {
    const tree: Root = { type: 'root', children: [h('epub:switch', [h('p', 'x')])] };
    const file = new VFile();
    runRehype(tree, file, [rehypeXhtmlSafe]);
    assert.equal((tree.children[0] as Element).tagName, 'epub:switch');
    assert.equal(file.messages.length, 0);
  });

  test('should remove on* event handler attributes with a warning', () => {
    const { html, file } = safe('<p onclick="steal()" onmouseover="x()" class="c">t</p>');
    assert.equal(html, '<p class="c">t</p>');
    assert.deepEqual(reasons(file), ['removed the onclick attribute: EPUB content may not run scripts', 'removed the onmouseover attribute: EPUB content may not run scripts']);
  });

  test('should remove the href of a javascript: link, keeping its text, with a warning', () => {
    const { html, file } = safe('<a href=" JavaScript:alert(1)">click</a>');
    assert.equal(html, '<p><a>click</a></p>');
    assert.deepEqual(reasons(file), ['removed a javascript: link']);
  });

  test('should keep ordinary links and image sizes', () => {
    const { html, file } = safe('<a href="https://docs.docker.com">docs</a> <img src="a.png" width="10" height="20">');
    assert.equal(html, '<p><a href="https://docs.docker.com">docs</a> <img src="a.png" width="10" height="20"></p>');
    assert.equal(file.messages.length, 0);
  });

  test('should drop width and height where HTML5 no longer allows them', () => {
    assert.equal(safe('<table width="100%"><tr><td height="3">x</td></tr></table>').html, '<table><tbody><tr><td>x</td></tr></tbody></table>');
  });

  test('should remove attributes that are not valid HTML5, with one warning per element naming them', () => {
    const { html, file } = safe('<table summary="s"><tr><td>x</td></tr></table>\n\n<ul type="disc" compact><li>a</li></ul>\n\n<hr noshade>\n\n<div foo="bar">d</div>\n\n<img src="a.png" alt="" hspace="5" vspace="3">');
    assert.equal(html, '<table><tbody><tr><td>x</td></tr></tbody></table>\n<ul><li>a</li></ul>\n<hr>\n<div>d</div>\n<img src="a.png" alt="">');
    assert.deepEqual(reasons(file), [
      'removed the attribute summary from <table>: not valid in EPUB 3 XHTML',
      'removed the attributes type, compact from <ul>: not valid in EPUB 3 XHTML',
      'removed the attribute noshade from <hr>: not valid in EPUB 3 XHTML',
      'removed the attribute foo from <div>: not valid in EPUB 3 XHTML',
      'removed the attributes hspace, vspace from <img>: not valid in EPUB 3 XHTML',
    ]);
  });

  test('should drop markdown="1" with a warning that Markdown inside an HTML block is not processed', () => {
    const { html, file } = safe('<div markdown="1">*x*</div>');
    assert.equal(html, '<div>*x*</div>');
    assert.deepEqual(reasons(file), ['removed the attribute markdown from <div>: not valid in EPUB 3 XHTML; Markdown inside an HTML block is not processed unless blank lines set it apart']);
  });

  test('should keep global, data-*, aria-*, role, epub:type and element-specific attributes, and remove abbr, which EPUBCheck rejects on th too', () => {
    const { html, file } = safe('<div data-x="1" aria-label="l" role="note" epub:type="note" lang="en" title="t">d</div>\n\n<ol type="a" start="3" reversed><li value="2">x</li></ol>\n\n<table><tr><th abbr="n" scope="col">Name</th><td abbr="v">v</td></tr></table>');
    assert.equal(html, '<div data-x="1" aria-label="l" role="note" epub:type="note" lang="en" title="t">d</div>\n<ol type="a" start="3" reversed><li value="2">x</li></ol>\n<table><tbody><tr><th scope="col">Name</th><td>v</td></tr></tbody></table>');
    assert.deepEqual(reasons(file), ['removed the attribute abbr from <th>: not valid in EPUB 3 XHTML', 'removed the attribute abbr from <td>: not valid in EPUB 3 XHTML']);
  });

  test('should rename obsolete elements: <nobr> to a nowrap span, <blink> and inline <marquee> to spans, <dir> to ul, <listing> and <xmp> to pre', () => {
    const { html, file } = safe('a <nobr>x y</nobr> <blink>b</blink> <marquee><!-- c -->m</marquee>\n\n<dir><li>d</li></dir>\n\n<listing>\nl\n</listing>\n\n<xmp>\n<b>x</b>\n</xmp>');
    assert.equal(html, '<p>a <span style="white-space: nowrap;">x y</span> <span>b</span> <span><!-- c -->m</span></p>\n<ul><li>d</li></ul>\n<pre>l\n</pre>\n<pre>\n&#x3C;b>x&#x3C;/b>\n</pre>');
    assert.equal(file.messages.length, 0);
  });

  test('should make a <marquee> that holds paragraphs a div, and <plaintext> a pre', () => {
    assert.equal(safe('<div>\n<marquee><p>x</p></marquee>\n</div>').html, '<div>\n<div><p>x</p></div>\n</div>');
    assert.equal(safe('<plaintext>\nx <b>y</b>').html, '<pre>\nx &#x3C;b>y&#x3C;/b></pre>');
  });

  test('should keep <menu>, which HTML5 still has', () => {
    const { html, file } = safe('<menu><li>m</li></menu>');
    assert.equal(html, '<menu><li>m</li></menu>');
    assert.equal(file.messages.length, 0);
  });

  test('should remove <basefont>, <isindex> and <spacer> with a warning each, keeping what the parser nested in them', () => {
    const { html, file } = safe('<basefont size="3">\n\n<spacer type="block">\n\n<isindex prompt="q">\n\nafter');
    assert.equal(html.trim(), '<p>after</p>');
    assert.deepEqual(reasons(file), [
      'removed <basefont>: EPUB 3 XHTML has no such element; kept its content',
      'removed <spacer>: EPUB 3 XHTML has no such element; kept its content',
      'removed <isindex>: EPUB 3 XHTML has no such element; kept its content',
    ]);
  });

  test('should replace whitespace in an id by hyphens and remove an empty id, with a warning each', () => {
    const { html, file } = safe('<p id="has  space">x</p>\n\n<p><span id="">e</span></p>');
    assert.equal(html, '<p id="has-space">x</p>\n<p><span>e</span></p>');
    assert.deepEqual(reasons(file), ['changed the id "has  space" to "has-space": an id may not contain spaces', 'removed an empty id: an id may not be empty']);
  });

  test('should write comma-separated values such as coords without spaces', () => {
    const { tree, file } = toHast('<map name="m"><area shape="rect" coords="0,0,1,1" href="#a" alt="a"></map> <input type="file" accept="image/png,image/jpeg">');
    const html = runRehype(tree, file, [rehypeXhtmlSafe]);
    assert.match(html, /coords="0,0,1,1"/);
    assert.match(html, /accept="image\/png,image\/jpeg"/);
    assert.equal(select(tree, (e) => e.tagName === 'area')?.properties.coords, '0,0,1,1');
  });

  test('should remove srcset and sizes from <img> with a warning, keeping src', () => {
    const { html, file } = safe('<img src="pic.png" srcset="pic.png 1x, pic2x.png 2x" sizes="50vw" alt="p">');
    assert.equal(html, '<img src="pic.png" alt="p">');
    assert.deepEqual(reasons(file), ['removed srcset and sizes from <img>: the book uses the image that src names']);
  });

  test('should take the first srcset candidate as src when an <img> has none', () => {
    assert.equal(safe('<img srcset="small.png 480w, large.png 1080w" alt="">').html, '<img alt="" src="small.png">');
  });

  test('should replace <picture> by its <img>, dropping <source>, with one warning', () => {
    const { html, file } = safe('<picture><source srcset="x.webp" type="image/webp"><source srcset="y.avif"><img src="x.png" alt="x"></picture>');
    assert.equal(html, '<p><img src="x.png" alt="x"></p>');
    assert.deepEqual(reasons(file), ['replaced <picture> by its <img>: the book carries one image, not the <source> alternatives']);
  });

  test('should add a declaration to an empty style', () => {
    const node = h('p');
    addStyle(node, 'text-align', 'left');
    addStyle(node, 'color', 'red');
    assert.equal(node.properties.style, 'text-align: left; color: red;');
  });
});

describe('markdown/rehype-table-align.ts', () => {
  test('should express GFM column alignment as text-align on th and td', () => {
    const { tree, file } = toHast('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |');
    const html = runRehype(tree, file, [rehypeTableAlign]);
    assert.doesNotMatch(html, /align="/);
    assert.match(html, /<th style="text-align: left;">a<\/th>/);
    assert.match(html, /<th style="text-align: center;">b<\/th>/);
    assert.match(html, /<td style="text-align: right;">3<\/td>/);
  });

  test('should leave cells of columns without alignment alone', () => {
    const { tree, file } = toHast('| a |\n|---|\n| 1 |');
    const html = runRehype(tree, file, [rehypeTableAlign]);
    assert.match(html, /<th>a<\/th>/);
    assert.match(html, /<td>1<\/td>/);
  });
});

describe('markdown/rehype-footnotes.ts', () => {
  const labels = { label: '각주', backLabel: '본문으로' };

  /** Markdown with footnotes -> the tree after rehype-footnotes, and its HTML. */
  function notes(markdown: string): { tree: Root; html: string } {
    const { tree, file } = toHast(markdown);
    const html = runRehype(tree, file, [[rehypeFootnotes, labels]]);
    return { tree, html };
  }

  test('should mark references as EPUB noterefs', () => {
    const { tree } = notes('Text[^a].\n\n[^a]: Note.');
    const ref = select(tree, (e) => e.tagName === 'a' && e.properties['epub:type'] === 'noteref');
    assert.ok(ref);
    assert.equal(ref.properties.href, '#fn-a');
    assert.equal(ref.properties.id, 'fnref-a');
    assert.equal(ref.properties.role, 'doc-noteref');
    assert.equal(ref.properties.dataFootnoteRef, undefined);
    assert.equal(ref.properties.ariaDescribedBy, undefined);
  });

  test('should turn each note into an aside epub:type="footnote" with the id the reference points to', () => {
    const { tree } = notes('One[^1] two[^2].\n\n[^1]: First.\n[^2]: Second.');
    const asides = selectAll(tree, (e) => e.tagName === 'aside');
    assert.deepEqual(
      asides.map((a) => [a.properties.id, a.properties['epub:type'], a.properties.role]),
      [
        ['fn-1', 'footnote', 'doc-footnote'],
        ['fn-2', 'footnote', 'doc-footnote'],
      ],
    );
  });

  test('should open each note with a numbered back link to its reference', () => {
    const { html } = notes('One[^x].\n\n[^x]: The note.');
    assert.match(html, /<aside id="fn-x"[^>]*><p><a href="#fnref-x" role="doc-backlink" class="footnote-number" title="본문으로">1\.<\/a> The note\./);
    assert.doesNotMatch(html, /data-footnote-backref/);
  });

  test('should title the notes section with the label and mark it as footnotes', () => {
    const { tree } = notes('One[^x].\n\n[^x]: The note.');
    const section = select(tree, (e) => e.tagName === 'section');
    assert.ok(section);
    assert.equal(section.properties['epub:type'], 'footnotes');
    assert.equal(section.properties.role, 'doc-endnotes');
    const title = section.children[0] as Element;
    assert.equal(title.tagName, 'h2');
    assert.deepEqual(title.children, [{ type: 'text', value: '각주' }]);
  });

  test('should keep every paragraph of a multi-paragraph note, the number in the first', () => {
    const { tree } = notes('One[^x].\n\n[^x]: First para.\n\n    Second para.');
    const aside = select(tree, (e) => e.tagName === 'aside');
    assert.ok(aside);
    const paragraphs = aside.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'p');
    assert.equal(paragraphs.length, 2);
    assert.equal((paragraphs[0]?.children[0] as Element).tagName, 'a');
    assert.equal(selectAll(aside, (e) => e.properties.role === 'doc-backlink').length, 1);
  });

  test('should leave a chapter without footnotes unchanged', () => {
    assert.equal(notes('Plain text.').html, '<p>Plain text.</p>');
  });
});

describe('markdown/rehype-heading-ids.ts', () => {
  /** One source file's run of the plugin: its ids, anchors and headings. */
  interface FileRun {
    tree: Root;
    file: VFile;
    anchors: Map<string, string>;
    headings: Heading[];
  }

  /** Runs the plugin over `tree` as one chapter of a file, sharing `registry` and `slugger` with the rest of the book. */
  function assign(tree: Root, file: VFile, registry: IdRegistry, fileSlugger = new GithubSlugger(), maxDepth = 3): FileRun {
    const anchors = new Map<string, string>();
    const headings: Heading[] = [];
    unified().use(rehypeHeadingIds, { registry, fileSlugger, anchors, headings, maxDepth }).runSync(tree, file);
    return { tree, file, anchors, headings };
  }

  /** Runs the plugin on a fresh chapter made from Markdown. */
  function chapter(markdown: string, registry: IdRegistry, fileSlugger?: GithubSlugger, maxDepth?: number): FileRun {
    const { tree, file } = toHast(markdown);
    return assign(tree, file, registry, fileSlugger, maxDepth);
  }

  /** The ids of the elements of a tree that have one. */
  function ids(tree: Root): string[] {
    return selectAll(tree, (e) => typeof e.properties.id === 'string').map((e) => e.properties.id as string);
  }

  test('should give headings GitHub-style ids that keep Korean', () => {
    const run = chapter('# 가상 머신\n\n## Docker 설치하기', { used: new Set() });
    assert.deepEqual(ids(run.tree), ['가상-머신', 'docker-설치하기']);
    assert.deepEqual(run.headings, [
      { depth: 1, text: '가상 머신', id: '가상-머신' },
      { depth: 2, text: 'Docker 설치하기', id: 'docker-설치하기' },
    ]);
  });

  test('should make ids unique across the book and map each file\'s own anchor to the new id', () => {
    const registry: IdRegistry = { used: new Set() };
    const first = chapter('# 소개', registry);
    const second = chapter('# 소개\n\n## 소개', registry);
    assert.deepEqual(ids(first.tree), ['소개']);
    // The file's own second slug, 소개-1, is taken by then: it moves on to 소개-1-1.
    assert.deepEqual(ids(second.tree), ['소개-1', '소개-1-1']);
    // As GitHub slugs within the second file: #소개 and #소개-1.
    assert.deepEqual([...second.anchors], [
      ['소개', '소개-1'],
      ['소개-1', '소개-1-1'],
    ]);
  });

  test('should continue one file\'s slugs across the chapters it was split into', () => {
    const registry: IdRegistry = { used: new Set() };
    const slugger = new GithubSlugger();
    chapter('# Setup', registry, slugger);
    const next = chapter('# Setup', registry, slugger);
    // GitHub would call the second heading of the file #setup-1.
    assert.deepEqual([...next.anchors], [['setup-1', 'setup-1']]);
  });

  test('should keep an explicit heading id', () => {
    const run = chapter('<h2 id="install">설치</h2>', { used: new Set() });
    assert.deepEqual(ids(run.tree), ['install']);
    assert.deepEqual([...run.anchors], [['install', 'install']]);
  });

  test('should rename a duplicate explicit id with a warning and record the mapping', () => {
    const registry: IdRegistry = { used: new Set() };
    chapter('<p id="note">a</p>', registry);
    const run = chapter('<p id="note">b</p>', registry);
    assert.deepEqual(ids(run.tree), ['note-1']);
    assert.deepEqual(reasons(run.file), ['the id "note" is used twice in the book: renamed to "note-1"']);
    assert.equal(run.file.messages[0]?.ruleId, 'duplicate-id');
    assert.equal(run.anchors.get('note'), 'note-1');
  });

  test('should fall back to "section" for a heading without text', () => {
    const run = chapter('## ***', { used: new Set() });
    assert.deepEqual(ids(run.tree), ['section']);
  });

  test('should list headings only down to maxDepth but still give deeper ones ids', () => {
    const run = chapter('# A\n\n## B\n\n### C\n\n#### D', { used: new Set() }, undefined, 2);
    assert.deepEqual(
      run.headings.map((h) => h.text),
      ['A', 'B'],
    );
    assert.deepEqual(ids(run.tree), ['a', 'b', 'c', 'd']);
  });

  /** A chapter with footnotes, made the way the converter makes it (rehype-footnotes before ids). */
  function withNotes(markdown: string): { tree: Root; file: VFile } {
    const { tree, file } = toHast(markdown);
    unified().use(rehypeFootnotes, { label: '각주', backLabel: '본문으로' }).runSync(tree, file);
    return { tree, file };
  }

  test('should leave footnote ids alone (they are per chapter)', () => {
    const registry: IdRegistry = { used: new Set() };
    const { tree, file } = withNotes('Text[^1].\n\n[^1]: Note.');
    assign(tree, file, registry);
    assert.ok(ids(tree).includes('fn-1'));
    assert.ok(ids(tree).includes('fnref-1'));
    assert.equal(registry.used.has('fn-1'), false);
  });

  test('should not list the footnotes section title as a heading of the chapter', () => {
    const { tree, file } = withNotes('# 장\n\n본문[^1].\n\n[^1]: 주석.');
    const run = assign(tree, file, { used: new Set() });
    assert.deepEqual(
      run.headings.map((h) => h.text),
      ['장'],
    );
  });
});

describe('markdown/rehype-links.ts', () => {
  const root = path.resolve('/book');
  const intro = path.join(root, 'manuscript/intro.md');
  const docker = path.join(root, 'manuscript/docker.md');

  /** A book where intro.md became ch01 and ch02 and docker.md became ch03. */
  function targets(): LinkTargets {
    return {
      files: new Map([
        [
          intro,
          [
            { href: 'ch01.xhtml', anchors: new Map([['소개', '소개']]) },
            { href: 'ch02.xhtml', anchors: new Map([['설치', '설치'], ['install-linux', 'install-linux-1']]) },
          ],
        ],
        [docker, [{ href: 'ch03.xhtml', anchors: new Map([['이미지', '이미지-1']]) }]],
      ]),
    };
  }

  /** Options for links written in the chapter `href` made from `source`. */
  function options(source = intro, href = 'ch01.xhtml'): LinksOptions {
    return { targets: targets(), source, href, root };
  }

  test('should point other.md#section at the chapter document and id it became', () => {
    assert.deepEqual(resolveLink('docker.md#이미지', options(), new Set()), { href: 'ch03.xhtml#이미지-1' });
  });

  test('should decode percent-encoded fragments before looking them up', () => {
    assert.deepEqual(resolveLink(`docker.md#${encodeURIComponent('이미지')}`, options(), new Set()), { href: 'ch03.xhtml#이미지-1' });
  });

  test('should point other.md without a fragment at its first chapter', () => {
    assert.deepEqual(resolveLink('intro.md', options(docker, 'ch03.xhtml'), new Set()), { href: 'ch01.xhtml' });
  });

  test('should resolve paths relative to the linking file', () => {
    const nested = path.join(root, 'manuscript/part/deep.md');
    const opts = options(nested, 'ch09.xhtml');
    assert.deepEqual(resolveLink('../docker.md#이미지', opts, new Set()), { href: 'ch03.xhtml#이미지-1' });
  });

  test('should keep #section short when it stays in this chapter', () => {
    assert.deepEqual(resolveLink('#소개', options(), new Set()), { href: '#소개' });
  });

  test('should follow #section to another chapter made from the same file', () => {
    assert.deepEqual(resolveLink('#설치', options(), new Set()), { href: 'ch02.xhtml#설치' });
    assert.deepEqual(resolveLink('#install-linux', options(), new Set()), { href: 'ch02.xhtml#install-linux-1' });
  });

  test('should match a fragment written in capitals against the lower-case slug', () => {
    assert.deepEqual(resolveLink('#Install-Linux', options(), new Set()), { href: 'ch02.xhtml#install-linux-1' });
  });

  test('should accept #id of an element of this chapter that is not an anchor', () => {
    assert.deepEqual(resolveLink('#fn-1', options(), new Set(['fn-1'])), { href: '#fn-1' });
  });

  test('should report an unknown fragment in this file', () => {
    assert.deepEqual(resolveLink('#nowhere', options(), new Set()), { problem: 'no heading or anchor "#nowhere" in this file' });
  });

  test('should report an unknown fragment in another file', () => {
    assert.deepEqual(resolveLink('docker.md#nowhere', options(), new Set()), { problem: `no heading or anchor "#nowhere" in ${path.join('manuscript', 'docker.md')}` });
  });

  test('should report a Markdown file that is not a chapter', () => {
    assert.deepEqual(resolveLink('draft.md', options(), new Set()), { problem: `${path.join('manuscript', 'draft.md')} is not a chapter of this book` });
  });

  test('should report other files of the folder as not part of the book', () => {
    assert.deepEqual(resolveLink('../LICENSE', options(), new Set()), { problem: 'LICENSE is not part of the book (only chapters and images are)' });
  });

  test('should refuse a path that leaves the book folder', () => {
    assert.deepEqual(resolveLink('../../etc/passwd', options(), new Set()), { problem: 'it leaves the book folder' });
  });

  test('should read a root-relative path from the book root, as images do', () => {
    assert.deepEqual(resolveLink('/manuscript/docker.md#이미지', options(), new Set()), { href: 'ch03.xhtml#이미지-1' });
  });

  test('should keep a bare # as it is', () => {
    assert.deepEqual(resolveLink('#', options(), new Set()), { href: '#' });
  });

  test('should rewrite links in the tree, skip external ones and warn about broken ones', () => {
    const tree: Root = {
      type: 'root',
      children: [
        h('p', [
          h('a', { href: 'docker.md#이미지' }, 'in book'),
          h('a', { href: 'https://docs.docker.com' }, 'web'),
          h('a', { href: 'mailto:a@b.c' }, 'mail'),
          h('a', { href: '//cdn.example.com/x' }, 'protocol-relative'),
          h('a', { href: 'missing.md' }, 'broken'),
          h('h2', { id: 'local' }, 'Local'),
          h('a', { href: '#local' }, 'local'),
        ]),
      ],
    };
    const file = new VFile({ path: intro });
    const html = runRehype(tree, file, [[rehypeLinks, options()]]);
    assert.match(html, /href="ch03.xhtml#이미지-1"/);
    assert.match(html, /href="https:\/\/docs.docker.com"/);
    assert.match(html, /href="mailto:a@b.c"/);
    assert.match(html, /href="\/\/cdn.example.com\/x"/);
    assert.doesNotMatch(html, /href="missing.md"/);
    assert.match(html, /<a>broken<\/a>/);
    assert.match(html, /href="#local"/);
    assert.deepEqual(reasons(file), [`broken link "missing.md": ${path.join('manuscript', 'missing.md')} is not a chapter of this book; the words are kept without the link`]);
    assert.equal(file.messages[0]?.ruleId, 'broken-link');
  });
});

/** Image files made fit for a book: SVG cleaning, and the EPUB's core-type stand-ins for WebP. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { h } from 'hastscript';
import sharp from 'sharp';
import { checkReaderCss } from '../../scripts/assets/reader-css.js';
import { loadStylesheet } from '../../scripts/assets/stylesheet.js';
import { cleanSvg } from '../../scripts/assets/svg.js';
import { loadConfig } from '../../scripts/config/load.js';
import { Diagnostics } from '../../scripts/diagnostics.js';
import type { Asset } from '../../scripts/manuscript/model.js';
import { toolRoot } from '../../scripts/tool-root.js';
import { epubPasses } from '../../scripts/markdown/processor.js';
import { readerStandIns } from '../../scripts/outputs/epub/core-images.js';
import { solidPng } from '../helpers/png.js';
import { plain, tempTree } from './helpers.js';

describe('assets/svg.ts', () => {
  test('should remove scripts, event handlers and javascript: links, and say what it removed', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="x()"><script>x()</script><a xlink:href="javascript:x()"><rect width="4" height="2" onclick="y()"/></a></svg>';
    const result = cleanSvg(Buffer.from(svg));
    assert.ok('data' in result);
    assert.deepEqual(result.removed, ['onload attribute', '<script>', 'javascript: link', 'onclick attribute']);
    const out = result.data.toString('utf8');
    assert.doesNotMatch(out, /script|onload|onclick|javascript/);
    assert.match(out, /<rect width="4" height="2"\/?>/);
  });

  test('should return a clean SVG byte for byte', () => {
    const data = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"/></svg>\n');
    const result = cleanSvg(data);
    assert.ok('data' in result);
    assert.equal(result.data, data);
    assert.deepEqual(result.removed, []);
  });

  test('should report an SVG that is not well-formed XML', () => {
    const result = cleanSvg(Buffer.from('<svg><rect></svg>'));
    assert.ok('problem' in result);
    assert.match(result.problem, /^it is not well-formed SVG/);
  });

  /** The cleaned text of an SVG, and the warnings; fails the test when it was refused. */
  function cleaned(svg: string): { text: string; warnings: string[] } {
    const result = cleanSvg(Buffer.from(svg));
    assert.ok('data' in result, 'problem' in result ? result.problem : '');
    return { text: result.data.toString('utf8'), warnings: result.warnings };
  }
  const doctype = (subset: string): string => `<?xml version="1.0" encoding="utf-8"?>\n<!-- Generator: Adobe Illustrator -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n${subset}\n]>\n`;

  test('should drop an SVG 1.1 DOCTYPE and expand its entities in attributes and text, not in comments or CDATA', () => {
    const svg = `${doctype('\t<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n\t<!ENTITY ns_xlink \'http://www.w3.org/1999/xlink\'>\n\t<!ENTITY label "font-family:\'Arial\'; font-size:&#49;2px">')}<svg xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;"><text style="&label;">&ns_svg; &amp; 서버</text><!-- &ns_svg; --><style><![CDATA[&ns_svg;]]></style></svg>`;
    const { text, warnings } = cleaned(svg);
    assert.doesNotMatch(text, /DOCTYPE|ENTITY|&ns_xlink|&label/);
    assert.match(text, /^<\?xml version="1\.0" encoding="utf-8"\?>/);
    assert.match(text, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" xmlns:xlink="http:\/\/www\.w3\.org\/1999\/xlink">/);
    // Character references in an entity's value are replaced when it is declared (&#49; is 1).
    assert.match(text, /<text style="font-family:'Arial'; font-size:12px">http:\/\/www\.w3\.org\/2000\/svg &#x26; 서버<\/text>/);
    assert.match(text, /<!-- &ns_svg; --><style><!\[CDATA\[&ns_svg;\]\]><\/style>/);
    assert.deepEqual(warnings, []);
  });

  test('should expand entities within entities, markup entities in text, and keep the first declaration of a name', () => {
    const svg = `${doctype('<!ENTITY host "example.org"><!ENTITY url "https://&host;/"><!ENTITY url "ignored"><!ENTITY box "<rect id=\'r\' width=\'1\'/>"><!ENTITY q \'say "hi"\'><!ELEMENT svg ANY>')}<svg xmlns="http://www.w3.org/2000/svg"><a href="&url;" title="&q;">&box;</a></svg>`;
    assert.match(cleaned(svg).text, /<a href="https:\/\/example\.org\/" title="say &#x22;hi&#x22;"><rect id="r" width="1"><\/rect><\/a>/);
  });

  test('should never read an external entity, and say so', () => {
    const { text, warnings } = cleaned(`${doctype('<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY x "1"><!ATTLIST svg x CDATA "1">')}<svg xmlns="http://www.w3.org/2000/svg"><text>[&secret;]</text></svg>`);
    assert.match(text, /<text>\[\]<\/text>/);
    assert.deepEqual(warnings, [
      'the attribute defaults its DOCTYPE declares are left out',
      'the external entity "&secret;" (file:///etc/passwd) is not read: a book reads no file an SVG names this way, so it stands for nothing',
    ]);
  });

  test('should refuse a DOCTYPE whose entities loop, explode, break the markup or are not declared', () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const cases: [string, RegExp][] = [
      [`${doctype('<!ENTITY a "&b;"><!ENTITY b "&a;">')}<svg>&a;</svg>`, /the entity "a" refers to itself/],
      [`${doctype(`<!ENTITY l0 "lol">${laughs}`)}<svg>&l9;</svg>`, /entities expand to more than 8 MB/],
      [`${doctype('<!ENTITY open "<g>">')}<svg>&open;</g></svg>`, /the entity "open" is not well-formed markup on its own/],
      [`${doctype('<!ENTITY lt2 "<">')}<svg a="&lt2;"/>`, /holds a "<" but is used in an attribute value/],
      [`${doctype('<!ENTITY a "1">')}<svg>&ns_svg;</svg>`, /Named entity isn't defined: &ns_svg;/],
      [`${doctype('<!ENTITY a "1"')}<svg/>`, /not closed with ">"/],
    ];
    for (const [svg, expected] of cases) {
      const result = cleanSvg(Buffer.from(svg));
      assert.ok('problem' in result, svg);
      assert.match(result.problem, expected);
    }
  });

  test('should drop a DOCTYPE without internal subset, and what requires an extension no reader has', () => {
    const svg = '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"><switch><foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/"><p/></foreignObject><g><circle r="3"/></g></switch></svg>';
    assert.equal(cleaned(svg).text, '<svg xmlns="http://www.w3.org/2000/svg"><switch><g><circle r="3"></circle></g></switch></svg>');
    const kept = '<svg xmlns="http://www.w3.org/2000/svg"><switch><foreignObject requiredExtensions="http://www.idpf.org/2007/ops"><p xmlns="http://www.w3.org/1999/xhtml">a</p></foreignObject></switch></svg>';
    assert.equal(cleaned(kept).text, kept);
  });
});

describe('outputs/epub/core-images.ts', () => {
  test('should stand a PNG in for a still WebP and a GIF for an animated one, and point images at them', async () => {
    const still = await sharp({ create: { width: 3, height: 2, channels: 3, background: '#c00' } }).webp({ lossless: true }).toBuffer();
    const frame = (background: string): Promise<Buffer> => sharp({ create: { width: 3, height: 2, channels: 3, background } }).png().toBuffer();
    const frames = await sharp([await frame('#0c0'), await frame('#00c')], { join: { animated: true } }).webp({ loop: 0 }).toBuffer();
    const assets: Asset[] = [
      { href: 'images/a.webp', mediaType: 'image/webp', data: still, origin: 'a.webp' },
      { href: 'images/b.webp', mediaType: 'image/webp', data: frames, origin: 'b.webp' },
      { href: 'images/c.png', mediaType: 'image/png', data: Buffer.from('png'), origin: 'c.png' },
    ];
    const standIns = await readerStandIns(assets, { keepTransparency: false, diagnostics: new Diagnostics() });
    assert.deepEqual([...standIns.entries()].map(([from, to]) => [from, to.href, to.mediaType]), [
      ['images/a.webp', 'images/a.png', 'image/png'],
      ['images/b.webp', 'images/b.gif', 'image/gif'],
    ]);
    assert.deepEqual(await sharp(standIns.get('images/a.webp')?.data).metadata().then((m) => [m.format, m.width, m.height]), ['png', 3, 2]);
    const tree = { type: 'root' as const, children: [h('p', [h('img', { src: 'images/a.webp' }), h('img', { src: 'images/c.png' })])] };
    const rewritten = epubPasses(new Map([...standIns].map(([href, a]) => [href, a.href]))).run(tree, 'a.md').tree;
    assert.notEqual(rewritten, tree, 'the shared tree is not changed');
    assert.equal(JSON.stringify(tree).includes('images/a.webp'), true);
    assert.match(JSON.stringify(rewritten), /"src":"images\/a\.png".*"src":"images\/c\.png"/);
  });
});

describe('assets/stylesheet.ts', () => {
  const yaml = 'title: T\nauthor: A\nlanguage: en\nidentifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n';
  /** The book's epub.css after loading, with its assets and diagnostics, for a book with `files`. */
  function load(css: string, files: Record<string, string | Buffer> = {}) {
    const root = tempTree({ 'manuscript/book.yaml': yaml, 'styles/epub.css': css, ...files });
    const diagnostics = new Diagnostics();
    const sheet = loadStylesheet(loadConfig(root, diagnostics), 'epub.css', diagnostics);
    return { ...sheet, own: sheet.css.slice(sheet.css.lastIndexOf('/* own */')), diagnostics: diagnostics.list.map(plain) };
  }
  const woff2 = Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(60)]);

  test('should take in fonts and images by their bytes, once each, and point the rules at them', () => {
    const { own, assets, diagnostics } = load('/* own */\n@font-face { src: url("../assets/fonts/a.woff2"); }\np { background: url(bg.png); }\nh1 { background: url(\'bg.png\'); }', {
      'assets/fonts/a.woff2': woff2,
      'styles/bg.png': solidPng(2, 2, [0, 0, 0]),
    });
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(assets.map((a) => [a.href.replace(/[0-9a-f]{16}/, 'H'), a.mediaType, a.origin]), [
      ['fonts/H.woff2', 'font/woff2', path.join('assets', 'fonts', 'a.woff2')],
      ['images/H.png', 'image/png', path.join('styles', 'bg.png')],
    ]);
    assert.match(own, /src: url\("fonts\/[0-9a-f]{16}\.woff2"\)/);
    assert.equal(own.match(/url\("images\//g)?.length, 2);
  });

  test('should put the built-in rules first and the book’s own after them', () => {
    const { css } = load('/* own */ body { color: #123; }');
    assert.ok(css.indexOf('word-break: keep-all') >= 0 && css.indexOf('word-break: keep-all') < css.indexOf('/* own */'));
  });

  test('should leave remote, data: and fragment URLs as written', () => {
    const css = '/* own */ a { background: url(https://example.com/x.png); } b { background: url("data:image/png;base64,AA=="); } c { filter: url(#f); }';
    const { own, assets, diagnostics } = load(css);
    assert.equal(own, css);
    assert.deepEqual([assets, diagnostics], [[], []]);
  });

  test('should report a missing file, an unknown type and a path out of the book at their lines, and leave them out', () => {
    const { own, diagnostics } = load('/* own */\na { background: url(gone.png); }\nb { background: url(notes.txt); }\nc { background: url(../../../etc/passwd); }', { 'styles/notes.txt': 'text' });
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.file, d.line, d.message.split(':')[0]]), [
      ['warning', path.join('styles', 'epub.css'), 2, 'url(gone.png)'],
      ['warning', path.join('styles', 'epub.css'), 3, 'url(notes.txt)'],
      ['error', path.join('styles', 'epub.css'), 4, 'url(../../../etc/passwd) leaves the book folder, so it is not read'],
    ]);
    assert.equal(own.match(/background: none;/g)?.length, 3);
  });
  test('should warn at their lines about values e-readers drop, not about the same words in comments', () => {
    const { diagnostics } = load('/* own: calc( in a comment, display: flex too */\nh1 { margin: calc(1em + 2px); }\n.row { display: inline-flex; color: var(--ink); }');
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.file, d.line, d.column, d.message.split(' in ')[0]]), [
      ['warning', path.join('styles', 'epub.css'), 2, 14, 'calc…)'],
      ['warning', path.join('styles', 'epub.css'), 3, 37, 'var…)'],
      ['warning', path.join('styles', 'epub.css'), 3, 8, 'display: inline-flex'],
    ]);
  });

  test('should find nothing readers drop in the built-in epub.css', () => {
    const diagnostics = new Diagnostics();
    checkReaderCss(readFileSync(path.join(toolRoot, 'styles', 'epub.css'), 'utf8'), 'epub.css', diagnostics);
    assert.deepEqual(diagnostics.list.map(plain), []);
  });
});

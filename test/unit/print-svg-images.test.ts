/** SVG images with text drawn into the print page (rehype-print-svg-images), and their characters counted for the fonts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import type { Asset, Chapter } from '../../scripts/manuscript/model.js';
import { printPasses } from '../../scripts/markdown/processor.js';
import { chapterCharacters } from '../../scripts/outputs/pdf/characters.js';

/** An SVG image asset at `href`. */
function svgAsset(href: string, svg: string): [string, Asset] {
  return [href, { href, mediaType: 'image/svg+xml', data: Buffer.from(svg), origin: `manuscript/${href}` }];
}

const drawing = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/" width="72pt" height="36pt" font-size="20">
<defs><style>.st1{font-family:'Helvetica';font-size:16px} #arrow{stroke:blue;fill:url(#grad)}</style><linearGradient id="grad"/><marker id="head"/></defs>
<g i:extraneous="self"><line id="arrow" marker-end="url(#head)"/><use xlink:href="#arrow"/><image href="other.png"/><image href="data:image/png;base64,AA=="/></g>
<text font-family="Arial">Server</text><text class="st1">서버</text><text style="font: bold 12px 'Courier New', monospace">GET</text><text font-family="Menlo">ls</text>
<i:pgf id="pgf">private data</i:pgf>
</svg>`;

const images = new Map([svgAsset('images/a.svg', drawing), svgAsset('images/plain.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><title>no text drawn</title><rect width="4" height="4"/></svg>')]);

/** The print passes' HTML for `tree`, and the tree the passes started from. */
function printed(tree: Root): string {
  const passes = printPasses(60, undefined, images);
  return passes.stringify(passes.run(tree, 'ch.md').tree);
}

describe('markdown/rehype-print-svg-images.ts', () => {
  test('should draw an SVG image with text into the page, isolated as an image is, its fonts mapped to the book’s stacks', () => {
    const tree: Root = { type: 'root', children: [h('p', [h('img', { src: 'images/a.svg', alt: '구조도', id: 'fig', className: ['wide'] })])] };
    const html = printed(tree);
    assert.match(html, /^<p><span id="fig" class="wide svg-image"><svg width="72pt" height="36pt" viewBox="0 0 96 48" style="font-size: 20px;" role="img" aria-label="구조도"><style>@scope \{\n/);
    assert.match(html, /\.st1\{font-family:var\(--book-serif\);font-size:16px\} #svg-image-1-arrow\{stroke:blue;fill:url\(#svg-image-1-grad\)\}/);
    assert.match(html, /<linearGradient id="svg-image-1-grad"><\/linearGradient><marker id="svg-image-1-head"><\/marker>/);
    assert.match(html, /<g><line id="svg-image-1-arrow" marker-end="url\(#svg-image-1-head\)"><\/line><use xlink:href="#svg-image-1-arrow"><\/use><image><\/image><image href="data:image\/png;base64,AA=="><\/image><\/g>/);
    assert.match(html, /<text font-family="var\(--book-serif\)">Server<\/text><text class="st1">서버<\/text><text style="font: bold 12px var\(--book-mono\)">GET<\/text><text font-family="var\(--book-mono\)">ls<\/text>/);
    assert.doesNotMatch(html, /pgf|private data|xmlns|extraneous/);
    assert.equal(toHtml(tree), '<p><img src="images/a.svg" alt="구조도" id="fig" class="wide"></p>', 'the shared tree is not changed');
  });

  test('should leave an SVG image without text as an image', () => {
    assert.equal(printed({ type: 'root', children: [h('img', { src: 'images/plain.svg', alt: '' })] }), '<img src="images/plain.svg" alt="">');
  });

  test('should give each figure ids of its own, unlike any id of the chapter', () => {
    const html = printed({ type: 'root', children: [h('h2', { id: 'svg-image-1-intro' }), h('img', { src: 'images/a.svg', alt: '' }), h('img', { src: 'images/a.svg', alt: '' })] });
    assert.deepEqual([...html.matchAll(/id="(svg-image-\d+)-grad"/g)].map((m) => m[1]), ['svg-image-2', 'svg-image-3']);
    assert.equal(html.match(/aria-hidden="true"/g)?.length, 2);
  });
});

describe('outputs/pdf/characters.ts', () => {
  test('should count the text a chapter’s SVG images draw, not their titles', () => {
    const chapter: Chapter = { index: 0, id: 'ch01', source: 'ch.md', line: 1, title: 'T', depth: 0, headings: [], tree: { type: 'root', children: [h('p', ['가']), h('img', { src: 'images/a.svg' }), h('img', { src: 'images/plain.svg' })] } };
    const used = chapterCharacters(chapter, images);
    for (const c of '가서버SGETls') assert.ok(used.has(c.codePointAt(0) as number), c);
    assert.ok(!used.has('x'.codePointAt(0) as number), 'the title "no text drawn" is not drawn');
  });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Element } from 'hast';
import { loadConfig } from '../../scripts/config/load.js';
import { Diagnostics, severityOf } from '../../scripts/diagnostics.js';
import { imageSources, resolveImages } from '../../scripts/manuscript/images.js';
import type { Asset } from '../../scripts/manuscript/model.js';
import rehypeEpubStandIns from '../../scripts/markdown/rehype-epub-stand-ins.js';
import { solidPng } from '../helpers/png.js';
import { runRehype, select, tempTree, toHast } from './helpers.js';

const png = solidPng(2, 3, [200, 30, 30]);
const icons = '<svg xmlns="http://www.w3.org/2000/svg"><symbol id="star" viewBox="0 0 1 1"><rect width="1" height="1"/></symbol></svg>';

/** Resolves the images of `markdown` written in manuscript/ch.md of a small book; the tree, assets and problems. */
function resolve(markdown: string) {
  const root = tempTree({
    'manuscript/book.yaml': 'title: T\nauthor: A\nlanguage: en\nidentifier: id\n',
    'manuscript/ch.md': markdown,
    'manuscript/pic.png': png,
    'assets/icons.svg': icons,
  });
  const { tree } = toHast(markdown);
  const assets = new Map<string, Asset>();
  const diagnostics = new Diagnostics();
  const config = loadConfig(root, new Diagnostics());
  resolveImages(tree, path.join(root, 'manuscript', 'ch.md'), new Map(), config, assets, diagnostics);
  return { tree, assets, diagnostics };
}

/** The first element named `name`. */
function element(tree: Parameters<typeof select>[0], name: string): Element {
  const found = select(tree, (e) => e.tagName === name);
  assert.ok(found, `no <${name}>`);
  return found;
}

describe('manuscript/images.ts: the files inline SVG draws', () => {
  test('should embed the file of an SVG <image>, <use> (keeping the symbol) and <feImage> like an <img>', () => {
    const { tree, assets, diagnostics } = resolve(
      '<svg><filter id="f"><feImage href="pic.png"/></filter><image xlink:href="pic.png"/><use href="icons.svg#star"/></svg>\n',
    );
    assert.deepEqual(diagnostics.list, []);
    const [pngHref, svgHref] = [...assets.keys()];
    assert.match(pngHref as string, /^images\/[0-9a-f]{16}\.png$/);
    assert.match(svgHref as string, /^images\/[0-9a-f]{16}\.svg$/);
    assert.equal(element(tree, 'feImage').properties.href, pngHref);
    assert.equal(element(tree, 'image').properties.xLinkHref, pngHref);
    assert.equal(element(tree, 'use').properties.href, `${svgHref}#star`);
  });

  test('should leave fragments and data: URLs as written: they name no file', () => {
    const { tree, assets, diagnostics } = resolve('<svg><use href="#star"/><image href="data:image/png;base64,AA=="/></svg>\n');
    assert.deepEqual(diagnostics.list, []);
    assert.equal(assets.size, 0);
    assert.equal(element(tree, 'use').properties.href, '#star');
    assert.equal(element(tree, 'image').properties.href, 'data:image/png;base64,AA==');
  });

  test('should refuse a path leaving the book with an error at its line, and drop the reference', () => {
    const { tree, assets, diagnostics } = resolve('# T\n\n<svg><image href="../../outside.png"/></svg>\n');
    assert.deepEqual(
      diagnostics.list.map((d) => [severityOf(d), d.file, d.line, d.column, d.reason]),
      [['error', path.join('manuscript', 'ch.md'), 3, 6, 'image "../../outside.png": the path leaves the book folder, so it is not read']],
    );
    assert.equal(assets.size, 0);
    assert.equal(element(tree, 'image').properties.href, undefined);
  });

  test('should warn about a file: URL at its line, and drop the reference', () => {
    const { tree, diagnostics } = resolve('<svg><image href="file:///etc/hosts"/></svg>\n');
    assert.deepEqual(
      diagnostics.list.map((d) => [severityOf(d), d.line, d.reason]),
      [['warning', 1, 'image "file:///etc/hosts" left out: only local files and http(s) addresses can be embedded; the SVG draws nothing in its place']],
    );
    assert.equal(element(tree, 'image').properties.href, undefined);
  });

  test('should list the files SVG draws among the image sources, for downloads and cache keys', () => {
    const { tree } = toHast('![a](a.png)\n\n<svg><image href="https://example.com/b.png"/><use href="#s"/><use xlink:href="c.svg#s"/></svg>\n');
    assert.deepEqual(imageSources(tree), ['a.png', 'https://example.com/b.png', 'c.svg#s']);
  });

  test('should point SVG images at their EPUB stand-ins too', () => {
    const { tree, file } = toHast('<svg><image href="images/a.webp"/></svg>\n');
    runRehype(tree, file, [[rehypeEpubStandIns, { standIns: new Map([['images/a.webp', 'images/a.png']]) }]]);
    assert.equal(element(tree, 'image').properties.href, 'images/a.png');
  });
});

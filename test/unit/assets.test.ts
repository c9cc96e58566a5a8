/** Image files made fit for a book: SVG cleaning, and the EPUB's core-type stand-ins for WebP. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { h } from 'hastscript';
import sharp from 'sharp';
import { cleanSvg } from '../../scripts/assets/svg.js';
import type { Asset } from '../../scripts/manuscript/model.js';
import { coreTypeStandIns, withStandIns } from '../../scripts/outputs/epub/core-images.js';

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
    const standIns = await coreTypeStandIns(assets);
    assert.deepEqual([...standIns.entries()].map(([from, to]) => [from, to.href, to.mediaType]), [
      ['images/a.webp', 'images/a.png', 'image/png'],
      ['images/b.webp', 'images/b.gif', 'image/gif'],
    ]);
    assert.deepEqual(await sharp(standIns.get('images/a.webp')?.data).metadata().then((m) => [m.format, m.width, m.height]), ['png', 3, 2]);
    const tree = { type: 'root' as const, children: [h('p', [h('img', { src: 'images/a.webp' }), h('img', { src: 'images/c.png' })])] };
    const rewritten = withStandIns(tree, standIns);
    assert.notEqual(rewritten, tree, 'the shared tree is not changed');
    assert.equal(JSON.stringify(tree).includes('images/a.webp'), true);
    assert.match(JSON.stringify(rewritten), /"src":"images\/a\.png".*"src":"images\/c\.png"/);
  });
});

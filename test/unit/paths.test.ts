import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { contentHref, decodePercent, isInside, isWebAddress, realPath, schemeOf } from '../../scripts/paths.js';
import { tempTree } from './helpers.js';

describe('paths.ts', () => {
  test('should percent-decode names, reserved characters too', () => {
    assert.equal(decodePercent('my%20notes.md'), 'my notes.md');
    assert.equal(decodePercent('%EC%9E%A5.md'), '장.md');
    assert.equal(decodePercent('c%23.png'), 'c#.png');
  });

  test('should keep a malformed escape as written instead of throwing', () => {
    assert.equal(decodePercent('100%.md'), '100%.md');
    assert.equal(decodePercent('%E0%A4%A'), '%E0%A4%A');
  });

  test('should name the scheme of a URL, lower-cased, and none of a path', () => {
    assert.equal(schemeOf('HTTPS://example.com/a.png'), 'https');
    assert.equal(schemeOf('mailto:a@example.com'), 'mailto');
    assert.equal(schemeOf('data:image/png;base64,AA=='), 'data');
    assert.equal(schemeOf('file:///etc/passwd'), 'file');
    assert.equal(schemeOf('images/a.png'), undefined);
    assert.equal(schemeOf('/abs/a.png'), undefined);
    assert.equal(schemeOf('#top'), undefined);
    assert.equal(schemeOf('1x:a.png'), undefined);
  });

  test('should tell http(s) addresses from other URLs', () => {
    assert.equal(isWebAddress('https://example.com/a.png'), true);
    assert.equal(isWebAddress('HTTP://example.com/a.png'), true);
    assert.equal(isWebAddress('https:a.png'), false);
    assert.equal(isWebAddress('ftp://example.com/a.png'), false);
    assert.equal(isWebAddress('file:///a.png'), false);
  });

  test('should keep paths inside a folder and refuse the folder itself, its parent and look-alike siblings', () => {
    const root = tempTree({ 'book/manuscript/a.md': '# A\n', 'book-2/b.md': '# B\n' });
    const book = path.join(root, 'book');
    assert.equal(isInside(book, path.join(book, 'manuscript', 'a.md')), true);
    assert.equal(isInside(book, path.join(book, 'manuscript', 'not-yet', 'there.png')), true);
    assert.equal(isInside(book, path.join(book, '..folder', 'x.png')), true);
    assert.equal(isInside(book, book), false);
    assert.equal(isInside(book, path.join(book, 'manuscript', '..', '..', 'book-2', 'b.md')), false);
    assert.equal(isInside(book, path.join(root, 'book-2', 'b.md')), false);
    assert.equal(isInside(book, '/etc/passwd'), false);
  });

  test('should follow symbolic links: a link in the folder that points outside is outside', () => {
    const root = tempTree({ 'book/manuscript/a.md': '# A\n', 'outside/secret.svg': '<svg/>', 'outside/dir/x.png': 'x' });
    const book = path.join(root, 'book');
    fs.symlinkSync(path.join(root, 'outside', 'secret.svg'), path.join(book, 'manuscript', 'pic.svg'));
    fs.symlinkSync(path.join(root, 'outside', 'dir'), path.join(book, 'linked-dir'));
    fs.symlinkSync(path.join(book, 'manuscript', 'a.md'), path.join(book, 'alias.md'));
    assert.equal(isInside(book, path.join(book, 'manuscript', 'pic.svg')), false);
    assert.equal(isInside(book, path.join(book, 'linked-dir', 'x.png')), false);
    assert.equal(isInside(book, path.join(book, 'linked-dir', 'missing.png')), false);
    assert.equal(isInside(book, path.join(book, 'alias.md')), true);
  });

  test('should compare real paths when the folder itself is reached through a link', () => {
    const root = tempTree({ 'real-book/manuscript/a.md': '# A\n' });
    fs.symlinkSync(path.join(root, 'real-book'), path.join(root, 'book'));
    assert.equal(isInside(path.join(root, 'book'), path.join(root, 'real-book', 'manuscript', 'a.md')), true);
    assert.equal(isInside(path.join(root, 'real-book'), path.join(root, 'book', 'manuscript', 'a.md')), true);
  });

  test('should resolve links of the existing part of a path and keep the rest as written', () => {
    const root = tempTree({ 'outside/x.png': 'x' });
    fs.symlinkSync(path.join(root, 'outside'), path.join(root, 'link'));
    const real = fs.realpathSync(root);
    assert.equal(realPath(path.join(root, 'link', 'x.png')), path.join(real, 'outside', 'x.png'));
    assert.equal(realPath(path.join(root, 'link', 'new', 'y.png')), path.join(real, 'outside', 'new', 'y.png'));
  });

  test('should name a file by its content, the same bytes always the same name', () => {
    const href = contentHref('images', Buffer.from('abc'), 'png');
    assert.match(href, /^images\/[0-9a-f]{16}\.png$/);
    assert.equal(contentHref('images', new Uint8Array(Buffer.from('abc')), 'png'), href);
    assert.notEqual(contentHref('images', Buffer.from('abd'), 'png'), href);
    assert.equal(contentHref('fonts', Buffer.from('abc'), 'woff2').slice('fonts/'.length, -'.woff2'.length), href.slice('images/'.length, -'.png'.length));
  });
});

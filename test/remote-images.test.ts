/** Tests byte sniffing and remote image downloads against a local HTTP server, so no real network is needed. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sniffImage } from '../scripts/assets/image-info.js';
import { fetchRemoteImage, fetchRemoteImages, type RemoteImage } from '../scripts/assets/remote.js';
import { solidPng } from './helpers/png.js';

/** A baseline JPEG skeleton (JFIF, SOF0, SOS, a few scan bytes, EOI): enough structure for sniffing and sizing. */
function makeJpeg(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    sof,
    Buffer.from([0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00]),
    // Scan data with a stuffed 0xFF00 and a restart marker, which must not be taken for the end.
    Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

const PNG = solidPng(3, 2, [127, 127, 127]);

/** Why a fetch gave no image (undefined when it did). */
function reasonOf(result: RemoteImage): string | undefined {
  return result.ok ? undefined : result.problem.reason;
}
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'); // 1x1
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'); // 1x1 lossless
const HTML = Buffer.from('<!DOCTYPE html>\n<html><body><svg width="10" height="10"></svg><p>Not found</p></body></html>');

describe('sniffImage', () => {
  test('recognises PNG with its size', () => {
    assert.deepEqual(sniffImage(PNG), { mediaType: 'image/png', extension: 'png', width: 3, height: 2 });
  });

  test('recognises JPEG with its size, even with data after the end marker', () => {
    const expected = { mediaType: 'image/jpeg', extension: 'jpg', width: 640, height: 480 };
    assert.deepEqual(sniffImage(makeJpeg(640, 480)), expected);
    assert.deepEqual(sniffImage(Buffer.concat([makeJpeg(640, 480), Buffer.from('trailing video')])), expected);
  });

  test('recognises GIF and WebP with their sizes', () => {
    assert.deepEqual(sniffImage(GIF), { mediaType: 'image/gif', extension: 'gif', width: 1, height: 1 });
    assert.deepEqual(sniffImage(WEBP), { mediaType: 'image/webp', extension: 'webp', width: 1, height: 1 });
  });

  test('recognises SVG after a prolog, comments and a doctype', () => {
    const svg = [
      '\ufeff<?xml version="1.0" encoding="UTF-8"?>',
      '<!-- Généré par un éditeur -->',
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [<!ENTITY a "b>c">]>',
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="1" height="1"/></svg>',
      '<!-- end -->\n',
    ].join('\n');
    assert.deepEqual(sniffImage(Buffer.from(svg)), { mediaType: 'image/svg+xml', extension: 'svg', width: 120, height: 80 });
  });

  test('takes the SVG size from the viewBox, and leaves it out when there is none', () => {
    const viewBox = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"/>';
    assert.deepEqual(sniffImage(Buffer.from(viewBox)), { mediaType: 'image/svg+xml', extension: 'svg', width: 300, height: 150 });
    const sizeless = '<svg xmlns="http://www.w3.org/2000/svg" width="100%"><g/></svg>';
    assert.deepEqual(sniffImage(Buffer.from(sizeless)), { mediaType: 'image/svg+xml', extension: 'svg' });
  });

  test('rejects HTML, text, empty and truncated files', () => {
    assert.equal(sniffImage(HTML), undefined);
    assert.equal(sniffImage(Buffer.from('just some text')), undefined);
    assert.equal(sniffImage(new Uint8Array(0)), undefined);
    assert.equal(sniffImage(PNG.subarray(0, PNG.length - 6)), undefined);
    assert.equal(sniffImage(makeJpeg(8, 8).subarray(0, 40)), undefined);
    assert.equal(sniffImage(GIF.subarray(0, GIF.length - 4)), undefined);
    assert.equal(sniffImage(WEBP.subarray(0, WEBP.length - 1)), undefined);
    assert.equal(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect')), undefined);
  });
});

describe('fetchRemoteImage', () => {
  let server: Server;
  let base: string;
  let cacheRoot: string;
  const hits = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const waiting: (() => void)[] = [];

  before(async () => {
    cacheRoot = await mkdtemp(path.join(tmpdir(), 'remote-images-test-'));
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
      switch (url.pathname) {
        case '/image.png':
          response.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
          return;
        case '/redirect':
          response.writeHead(302, { Location: '/image.png' }).end();
          return;
        case '/missing.png':
          response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>');
          return;
        case '/fake.png':
          // Claims to be a PNG; only the bytes can tell it is an error page.
          response.writeHead(200, { 'Content-Type': 'image/png' }).end(HTML);
          return;
        case '/page':
          response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(HTML);
          return;
        case '/big.png':
          response.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.alloc(4096));
          return;
        case '/hang':
          return; // never answers
        case '/stall':
          response.writeHead(200, { 'Content-Type': 'image/png' });
          response.write(PNG.subarray(0, 20)); // headers and a little body, then nothing
          return;
        case '/slow.png': {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          const respond = (): void => {
            inFlight -= 1;
            response.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
          };
          // Held until a second request overlaps it (then 150 ms more, so a client without a
          // limit would show more than six at once), or 5 s: a busy machine cannot fake a
          // serial client, and a serial one still shows as one at a time.
          const answerSoon = (): void => void setTimeout(respond, 150);
          if (maxInFlight > 1) {
            for (const wake of waiting.splice(0)) wake();
            answerSoon();
          } else {
            const fallback = setTimeout(() => {
              waiting.splice(waiting.indexOf(wake), 1);
              respond();
            }, 5000);
            const wake = (): void => {
              clearTimeout(fallback);
              answerSoon();
            };
            waiting.push(wake);
          }
          return;
        }
        default:
          response.writeHead(500).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await stopServer();
    await rm(cacheRoot, { recursive: true, force: true });
  });

  /** Stops the server, dropping the requests that were left hanging on purpose. */
  async function stopServer(): Promise<void> {
    if (!server.listening) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A fresh empty cache folder for one test. */
  async function freshCache(): Promise<string> {
    return mkdtemp(path.join(cacheRoot, 'cache-'));
  }

  /** The files in a cache folder's `remote-images` subfolder (none if it was never created). */
  async function cachedFiles(cacheDir: string): Promise<string[]> {
    return readdir(path.join(cacheDir, 'remote-images')).catch(() => []);
  }

  test('downloads an image, caches it under the URL hash, and serves it from the cache next time', async () => {
    const cacheDir = await freshCache();
    const url = `${base}/image.png`;

    const first = await fetchRemoteImage(url, { cacheDir });
    assert.equal(first.ok, true, first.ok ? '' : first.problem.reason);
    assert.ok(first.ok);
    assert.deepEqual(first.data, PNG);
    assert.deepEqual(first.info, { mediaType: 'image/png', extension: 'png', width: 3, height: 2 });
    assert.equal(first.fromCache, false);
    const hash = createHash('sha256').update(url).digest('hex');
    assert.deepEqual(await cachedFiles(cacheDir), [`${hash}.png`]);
    const hitsAfterFirst = hits.get('/image.png');

    const second = await fetchRemoteImage(url, { cacheDir });
    assert.ok(second.ok);
    assert.equal(second.fromCache, true);
    assert.deepEqual(second.data, PNG);
    assert.deepEqual(second.info, first.info);
    assert.equal(hits.get('/image.png'), hitsAfterFirst);
  });

  test('follows redirects', async () => {
    const result = await fetchRemoteImage(`${base}/redirect`, { cacheDir: await freshCache() });
    assert.ok(result.ok);
    assert.deepEqual(result.data, PNG);
    assert.equal(result.info.mediaType, 'image/png');
  });

  test('reports failures in words and caches nothing', async () => {
    const cacheDir = await freshCache();
    const cases: [string, RegExp, number?][] = [
      ['/missing.png', /^HTTP 404 Not Found$/],
      ['/hang', /^timed out after 0\.3 s$/],
      ['/stall', /^timed out after 0\.3 s$/],
      ['/fake.png', /not an image/],
      ['/page', /^the response is not an image \(text\/html\)$/],
      ['/big.png', /^larger than 1 KB$/, 1024],
    ];
    for (const [route, reason, maxBytes] of cases) {
      const result = await fetchRemoteImage(`${base}${route}`, { cacheDir, timeoutMs: 300, ...(maxBytes ? { maxBytes } : {}) });
      assert.equal(result.ok, false, route);
      assert.ok(!result.ok);
      assert.match(result.problem.reason, reason, route);
      assert.equal(result.problem.ruleId, 'remote-image');
    }
    assert.deepEqual(await cachedFiles(cacheDir), []);
  });

  test('still returns the image when the cache cannot be written, with a warning', async () => {
    const notAFolder = path.join(await freshCache(), 'file');
    await writeFile(notAFolder, 'occupied');
    const result = await fetchRemoteImage(`${base}/image.png`, { cacheDir: notAFolder });
    assert.ok(result.ok);
    assert.deepEqual(result.data, PNG);
    assert.match(result.cacheProblem?.reason ?? '', /^could not write the image cache: /);
  });

  test('refuses URLs that are not http or https without any request', async () => {
    const cacheDir = await freshCache();
    const ftp = await fetchRemoteImage('ftp://example.com/a.png', { cacheDir });
    assert.deepEqual(reasonOf(ftp), 'unsupported protocol ftp: (only http and https)');
    assert.deepEqual(reasonOf(await fetchRemoteImage('not a url', { cacheDir })), 'not a valid URL');
  });

  test('fetches many URLs once each, at most six at a time', async () => {
    const urls = Array.from({ length: 10 }, (_, i) => `${base}/slow.png?n=${i}`);
    const results = await fetchRemoteImages([...urls, urls[0]!, `${base}/missing.png`], { cacheDir: await freshCache() });
    assert.equal(results.size, 11);
    assert.equal(hits.get('/slow.png'), 10);
    assert.ok(maxInFlight > 1 && maxInFlight <= 6, `max in flight was ${maxInFlight}`);
    assert.ok(urls.every((url) => results.get(url)?.ok));
    assert.equal(results.get(`${base}/missing.png`)?.ok, false);
  });

  test('works offline from the cache, and says so plainly when the server is gone', async () => {
    const cacheDir = await freshCache();
    const url = `${base}/image.png`;
    assert.ok((await fetchRemoteImage(url, { cacheDir })).ok);
    await stopServer();

    const offline = await fetchRemoteImage(url, { cacheDir });
    assert.ok(offline.ok);
    assert.equal(offline.fromCache, true);
    assert.deepEqual(reasonOf(await fetchRemoteImage(`${base}/other.png`, { cacheDir })), 'connection refused');
  });
});

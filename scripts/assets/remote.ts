/**
 * Downloads images that the manuscript links by URL, so EPUB and PDF can embed them. Every
 * download is kept in a cache, so a book that built once keeps building without a network; and
 * network trouble is reported as a short reason, never thrown, because one dead link should be a
 * diagnostic, not a crashed build.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import { sniffImage, type ImageInfo } from './image-info.js';
import { problem, type Diagnostic } from '../diagnostics.js';

/** An image that was downloaded now or earlier. */
export interface RemoteImageFound {
  ok: true;
  data: Buffer;
  info: ImageInfo;
  /** True when served from the cache without touching the network. */
  fromCache: boolean;
  /** Why the download could not be cached (the image itself is fine, but offline builds will miss it). */
  cacheProblem?: Diagnostic;
}

/** A URL that gave no usable image. */
export interface RemoteImageMissing {
  ok: false;
  /** A warning whose reason is short, e.g. `HTTP 404 Not Found` or `timed out after 10 s`. */
  problem: Diagnostic;
}

/** The outcome of fetching one remote image. */
export type RemoteImage = RemoteImageFound | RemoteImageMissing;

/** Where and how patiently to fetch. */
export interface RemoteImageOptions {
  /** The build cache folder; images go to its `remote-images` subfolder. */
  cacheDir: string;
  /** For the whole request, body included. */
  timeoutMs?: number;
  /** Downloads beyond this are abandoned, so a wrong link to a video cannot fill the disk. */
  maxBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
/** Enough to overlap latency without looking like an attack to a small server. */
const PARALLEL_DOWNLOADS = 6;
const CACHE_SUBDIR = 'remote-images';
const EXTENSIONS: readonly ImageInfo['extension'][] = ['png', 'jpg', 'gif', 'webp', 'svg'];

const REQUEST_HEADERS = {
  'User-Agent': 'markdown-book-builder (remote image download)',
  // Listing only the formats we can embed keeps content-negotiating CDNs from answering with AVIF or JPEG XL.
  Accept: 'image/png,image/jpeg,image/gif,image/webp,image/svg+xml;q=0.9,*/*;q=0.1',
};

/** Fetches one image by URL, from the cache when it was downloaded before; never throws for network problems. */
export async function fetchRemoteImage(url: string, options: RemoteImageOptions): Promise<RemoteImage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return missing('not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return missing(`unsupported protocol ${parsed.protocol} (only http and https)`);
  }

  const stem = path.join(options.cacheDir, CACHE_SUBDIR, createHash('sha256').update(url).digest('hex'));
  const cached = await readCache(stem);
  if (cached) return cached;

  const downloaded = await download(parsed, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!downloaded.ok) return downloaded;
  const cacheProblem = await writeCache(`${stem}.${downloaded.info.extension}`, downloaded.data);
  return cacheProblem === undefined ? downloaded : { ...downloaded, cacheProblem };
}

/** Fetches many images, each distinct URL once and at most six at a time; the map has one entry per distinct URL. */
export async function fetchRemoteImages(urls: string[], options: RemoteImageOptions): Promise<Map<string, RemoteImage>> {
  const queue = [...new Set(urls)];
  const results = new Map<string, RemoteImage>();
  /** Takes URLs off the shared queue until it is empty. */
  async function worker(): Promise<void> {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      results.set(url, await fetchRemoteImage(url, options));
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, queue.length) }, worker));
  return results;
}

/** A cached image under any of the known extensions; entries that no longer sniff as images count as absent. */
async function readCache(stem: string): Promise<RemoteImageFound | undefined> {
  for (const extension of EXTENSIONS) {
    let data: Buffer;
    try {
      data = await readFile(`${stem}.${extension}`);
    } catch {
      continue;
    }
    const info = sniffImage(data);
    if (info) return { ok: true, data, info, fromCache: true };
  }
  return undefined;
}

/** Stores a download atomically (temp file, then rename) so a killed build never leaves half a file; returns a warning on failure. */
async function writeCache(file: string, data: Buffer): Promise<Diagnostic | undefined> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, file);
    return undefined;
  } catch (error) {
    // Best effort: if the folder itself is unusable there is no temp file to remove either.
    await rm(temp, { force: true }).catch(() => undefined);
    return problem('warning', `could not write the image cache: ${error instanceof Error ? error.message : String(error)}`, { ruleId: 'remote-image-cache' });
  }
}

/** Downloads and checks one image, turning every failure into a reason. */
async function download(url: URL, timeoutMs: number, maxBytes: number): Promise<RemoteImage> {
  try {
    const response = await fetch(url, {
      headers: REQUEST_HEADERS,
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return missing(`HTTP ${response.status} ${response.statusText || STATUS_CODES[response.status] || ''}`.trim());
    }
    const data = await readBody(response, maxBytes);
    if (!data) return missing(`larger than ${formatLimit(maxBytes)}`);
    const info = sniffImage(data);
    if (info) return { ok: true, data, info, fromCache: false };
    return missing(notAnImage(response.headers.get('content-type'), data.length));
  } catch (error) {
    return missing(describeFailure(error, url, timeoutMs));
  }
}

/** The whole body, or undefined as soon as it grows past the limit (Content-Length may be absent or wrong). */
async function readBody(response: Response, maxBytes: number): Promise<Buffer | undefined> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels the stream, which closes the connection.
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Why a body that is not a usable image was refused, naming what the server claimed it was. */
function notAnImage(contentType: string | null, size: number): string {
  if (size === 0) return 'the response is empty';
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!essence) return 'the response is not an image (no Content-Type)';
  // The server may well be right that it is an image, just not one EPUB readers are required to show.
  if (essence.startsWith('image/')) return `the response is not an image in a supported format (served as ${essence})`;
  return `the response is not an image (${essence})`;
}

/** A thrown fetch error as a short reason; Node reports the useful part in `cause.code`. */
function describeFailure(error: unknown, url: URL, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${formatSeconds(timeoutMs)}`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'ENOTFOUND':
      return `host not found (${url.hostname})`;
    case 'EAI_AGAIN':
      return `could not look up ${url.hostname} (no network?)`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'network unreachable';
  }
  if (typeof code === 'string' && /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_)/.test(code)) {
    return `TLS certificate problem (${code})`;
  }
  return message;
}

/** A failure with its reason. */
function missing(reason: string): RemoteImageMissing {
  return { ok: false, problem: problem('warning', reason, { ruleId: 'remote-image' }) };
}

/** Milliseconds as `10 s` or `0.3 s`. */
function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`;
}

/** A byte limit as `20 MB`, `512 KB` or `900 bytes`. */
function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

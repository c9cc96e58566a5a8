/**
 * The preview's HTTP server on 127.0.0.1: the contents page at `/`, one page per chapter under
 * the publication's own names (`/ch02.xhtml`, served as text/html), each chapter's print pages
 * (`/_dev/pages/ch02.xhtml` around `/_dev/pages/ch02.pdf`), images from the manuscript's assets,
 * the two looks' stylesheets, KaTeX's stylesheet and fonts, the live-reload script and its event stream, and
 * `POST /_dev/build?format=epub|pdf` to write an output to dist/.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isKatexFont, katexCss, katexDir } from '../assets/katex-css.js';
import { decodePercent } from '../paths.js';
import { toolRoot } from '../tool-root.js';
import type { Format } from '../build.js';
import { chapterHref } from '../manuscript/load.js';
import type { Asset, Manuscript } from '../manuscript/model.js';
import { chapterPage, contentsPage, emptyPage } from '../outputs/html/index.js';
import { devFrame, looks, pagesView, previewCss, type Look } from './chrome.js';
import type { PreviewState } from './session.js';
import { EventHub } from './sse.js';

const liveReloadScript = readFileSync(path.join(toolRoot, 'scripts', 'dev', 'browser', 'live-reload.js'), 'utf8');

/** What the server needs from the rest of the dev session. */
export interface PreviewSource {
  state(): PreviewState;
  strict: boolean;
  /** Builds an output into dist/ and says what was written. */
  buildOutput(format: Format): Promise<{ ok: boolean; message: string }>;
  /** One chapter's print pages as a PDF (`chapterId` as in `ch02`). */
  chapterPages(chapterId: string): Promise<{ ok: true; pdf: Uint8Array } | { ok: false; message: string }>;
}

/** A listening preview server. */
export interface PreviewServer {
  url: string;
  events: EventHub;
  close(): Promise<void>;
}

/** Starts the server on `port`, or the next free port when it is taken (0 lets the system pick). */
export async function startServer(source: PreviewSource, port: number): Promise<PreviewServer> {
  const events = new EventHub();
  const server = createServer((req, res) => {
    handle(source, events, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String((error as Error).stack ?? error));
    });
  });
  const address = await listen(server, port);
  return {
    url: `http://127.0.0.1:${address.port}/`,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.close(() => resolve());
        // Keep-alive sockets of idle tabs would hold close() open.
        server.closeAllConnections();
      }),
  };
}

/** Listens on the first free port from `port` on, trying a few. */
async function listen(server: Server, port: number, attempts = 20): Promise<AddressInfo> {
  for (let i = 0; ; i++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port + i, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return server.address() as AddressInfo;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0 || i + 1 >= attempts) throw error;
    }
  }
}

/** Routes one request. */
async function handle(source: PreviewSource, events: EventHub, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const state = source.state();
  const manuscript = state.manuscript;
  const pathname = decodePercent(url.pathname);

  if (pathname === '/_dev/events') return events.connect(res, reloadEvent(state));
  if (pathname === '/_dev/live.js') return send(res, 200, 'text/javascript; charset=utf-8', liveReloadScript);
  if (pathname === '/_dev/preview.css') return send(res, 200, 'text/css; charset=utf-8', previewCss(manuscript?.config.print));
  // KaTeX's stylesheet and fonts, for the formulas' HTML (rehype-math).
  if (pathname === '/_dev/katex.css') return send(res, 200, 'text/css; charset=utf-8', katexCss((file) => `/_dev/katex/${file}`));
  const katexFont = /^\/_dev\/katex\/([^/]+)$/.exec(pathname)?.[1];
  if (katexFont && isKatexFont(katexFont)) return send(res, 200, 'font/woff2', readFileSync(path.join(katexDir, 'fonts', katexFont)));
  if (pathname === '/_dev/state') return send(res, 200, 'application/json', JSON.stringify({ version: state.version, diagnostics: state.diagnostics, failure: state.failure }));
  if (pathname === '/_dev/build' && req.method === 'POST') {
    const format = url.searchParams.get('format');
    if (format !== 'epub' && format !== 'pdf') return send(res, 400, 'application/json', JSON.stringify({ ok: false, message: 'format must be epub or pdf' }));
    const result = await source.buildOutput(format);
    return send(res, result.ok ? 200 : 500, 'application/json', JSON.stringify(result));
  }
  const look = /^\/_dev\/look\/(\w+)\.css$/.exec(pathname)?.[1];
  if (look && (looks as readonly string[]).includes(look)) return send(res, 200, 'text/css; charset=utf-8', lookCss(manuscript, look as Look));

  if (!manuscript) return send(res, 503, 'text/html; charset=utf-8', emptyPage('en', 'Book preview', devFrame(state, source.strict)));
  if (pathname === '/' || pathname === '/index.html') return send(res, 200, 'text/html; charset=utf-8', contentsPage(manuscript, devFrame(state, source.strict)));
  const keys = chapterKeys(manuscript);
  const pages = /^\/_dev\/pages\/(ch\d+)\.(xhtml|pdf)$/.exec(pathname);
  const paged = pages && manuscript.chapters.find((c) => c.id === pages[1]);
  if (paged && pages[2] === 'pdf') {
    const printed = await source.chapterPages(paged.id);
    return printed.ok ? send(res, 200, 'application/pdf', Buffer.from(printed.pdf)) : send(res, 500, 'text/plain; charset=utf-8', printed.message);
  }
  if (paged) {
    const frame = devFrame(state, source.strict, { chapterKey: keys.get(paged.id), view: 'pages', href: chapterHref(paged) });
    return send(res, 200, 'text/html; charset=utf-8', emptyPage(manuscript.config.language, paged.title, { ...frame, before: [...frame.before, pagesView(paged.id, state.version)] }));
  }
  const chapter = manuscript.chapters.find((c) => `/${chapterHref(c)}` === pathname);
  if (chapter) return send(res, 200, 'text/html; charset=utf-8', chapterPage(manuscript, chapter, devFrame(state, source.strict, { chapterKey: keys.get(chapter.id), view: 'text', href: chapterHref(chapter) })));
  const asset = findAsset(manuscript, pathname);
  if (asset) return send(res, 200, asset.mediaType, asset.data);
  return send(res, 404, 'text/html; charset=utf-8', emptyPage(manuscript.config.language, 'Not found', devFrame(state, source.strict)));
}

/** A look's stylesheet, as the outputs use it. */
function lookCss(manuscript: Manuscript | undefined, look: Look): string {
  return manuscript?.styles[look].css ?? '';
}

/**
 * An image or font of the book: the chapters' (`/images/…`) or the stylesheets' (`fonts/…`,
 * also asked for below `/_dev/look/`, where the look stylesheets are served from).
 */
function findAsset(manuscript: Manuscript, pathname: string): Asset | undefined {
  const href = pathname.replace(/^\/(_dev\/look\/)?/, '');
  const { epub, print } = manuscript.styles;
  return manuscript.assets.get(href) ?? [...epub.assets, ...print.assets].find((a) => a.href === href);
}

/**
 * Names each chapter by its file and its position in that file (`manuscript/a.md#0`), a name
 * that survives renumbering, so a tab stays on its chapter when one is added before it.
 */
export function chapterKeys(manuscript: Manuscript): Map<string, string> {
  const seen = new Map<string, number>();
  const keys = new Map<string, string>();
  for (const chapter of manuscript.chapters) {
    const n = seen.get(chapter.source) ?? 0;
    seen.set(chapter.source, n + 1);
    keys.set(chapter.id, `${chapter.source}#${n}`);
  }
  return keys;
}

/** The data of a `reload` (and `hello`) event: the version and where each chapter now lives. */
export function reloadEvent(state: PreviewState): { version: number; buildMs: number; errors: number; chapters: Record<string, string> } {
  const chapters: Record<string, string> = {};
  if (state.manuscript) {
    for (const [id, key] of chapterKeys(state.manuscript)) chapters[key] = chapterHref({ id });
  }
  const errors = state.diagnostics.filter((d) => d.fatal === true).length + (state.failure ? 1 : 0);
  return { version: state.version, buildMs: Math.round(state.buildMs * 10) / 10, errors, chapters };
}

/** Writes a whole response; nothing is cached, the book changes under the tab. */
function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

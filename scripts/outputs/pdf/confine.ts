/**
 * Keeps Chromium's print pages to the files a book may use. A chapter's inline style can name any
 * file: or http(s) URL, a book's print.css an http(s) one, and whatever Chromium loads ends up in
 * the PDF. A print page may read the book folder, the renderer's working folder (the page, its
 * stylesheet and the book's images and fonts are copied there), the tool's styles, Fontsource
 * fonts and KaTeX's fonts, and data: URLs, folders compared as real paths; any other request is
 * aborted and reported.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer';
import { katexDir } from '../../assets/katex-css.js';
import { isInside, schemeOf } from '../../paths.js';
import { toolRoot } from '../../tool-root.js';
import { fontsourceDir } from './fonts.js';

/**
 * The tool's folders a print page reads from: the built-in styles, the folder of the Fontsource
 * packages (installed side by side under `@fontsource/`) and KaTeX's dist folder, whose files the
 * shared stylesheet names.
 */
export const toolFolders: readonly string[] = [path.join(toolRoot, 'styles'), path.dirname(fontsourceDir('@fontsource/noto-serif')), katexDir];

/** Whether a print page may load `url`: a data: URL, or a file inside one of `folders` once links are followed. */
export function mayLoad(url: string, folders: readonly string[]): boolean {
  const scheme = schemeOf(url);
  if (scheme === 'data') return true;
  if (scheme !== 'file') return false;
  let file: string;
  try {
    file = fileURLToPath(url);
  } catch {
    // A file URL with a host (file://server/share/x.png) names no file of this machine.
    return false;
  }
  return folders.some((folder) => isInside(folder, file));
}

/** Whether a failed load or console error of the page is a refusal of `confine`, which `refused` already heard of. */
export function isRefusal(text: string): boolean {
  // Chromium says `net::ERR_BLOCKED_BY_CLIENT.Inspector` for a request aborted through the DevTools protocol.
  return text.includes('net::ERR_BLOCKED_BY_CLIENT');
}

/**
 * Intercepts every request of `page`: it goes on when `mayLoad` allows it for the folders that
 * `folders()` gives at that moment (they change with the book), else it is aborted and `refused`
 * hears of it.
 */
export async function confine(page: Page, folders: () => readonly string[], refused: (url: string) => void): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    // A tab closed mid-request rejects these; that tab is gone and nothing is left to decide.
    if (mayLoad(url, folders())) {
      request.continue().catch(() => undefined);
    } else {
      refused(url);
      request.abort('blockedbyclient').catch(() => undefined);
    }
  });
}

/**
 * A typographic cover for books that name no cover image: title, subtitle and authors set in the
 * book's own print fonts (the Fontsource faces the PDF embeds, chosen for the book's language and
 * characters) and drawn by the build's Chromium at the stores' size. The picture does not depend on
 * the fonts a machine has: a Japanese, Arabic or Korean title never falls back to a system font or
 * to boxes. Chromium breaks and balances the lines with the faces' real widths, and when the title
 * does not fit, it is set smaller until it does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { cjkScript, textDirection } from '../../config/language.js';
import { BuildError } from '../../diagnostics.js';
import { confine, toolFolders } from '../pdf/confine.js';
import { fontFaceCss, serifStack } from '../pdf/fonts.js';
import { escapeXml } from '../xhtml.js';

/** The least cover size stores ask for (Kindle and Apple's recommendation, Google's upload size), which the typographic cover is drawn at. */
export const minCoverSize = { width: 1600, height: 2560 };

/** What the typographic cover shows, in the book's language. */
export interface CoverText {
  title: string;
  subtitle?: string | undefined;
  authors: string[];
  language: string;
}

/** A drawn cover: the page as PNG, and the font families Chromium loaded to draw it. */
export interface DrawnCover {
  png: Buffer;
  families: string[];
}

/** The code points the cover shows, which decide the fallback families its page lists. */
function coverCharacters(text: CoverText): Set<number> {
  return new Set([...`${text.title}${text.subtitle ?? ''}${text.authors.join(', ')}`].map((c) => c.codePointAt(0) as number));
}

/**
 * Text as HTML that breaks where the language allows. Korean words stay whole (a line never breaks
 * between 도커(Docker) and 를, which Chromium's `keep-all` still allows); Chinese and Japanese
 * break between characters, other scripts between words, as Chromium does by itself.
 */
function breakable(text: string, language: string): string {
  if (cjkScript(language) !== 'ko') return escapeXml(text);
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `<span class="word">${escapeXml(word)}</span>`)
    .join(' ');
}

/**
 * The cover page: the book's @font-face rules and body stack, a dark ground with a gold rule, the
 * title and subtitle from the top and the authors at the foot; a right-to-left book sets
 * everything from the right.
 */
export function coverHtml(text: CoverText): string {
  const { title, subtitle, authors, language } = text;
  const subtitleHtml = subtitle ? `\n<p class="subtitle">${breakable(subtitle, language)}</p>` : '';
  return `<!doctype html>
<html lang="${escapeXml(language)}" dir="${textDirection(language)}"><head><meta charset="utf-8"><title>${escapeXml(title)}</title><style>
${fontFaceCss(language, coverCharacters(text))}
html, body { margin: 0; width: ${minCoverSize.width}px; height: ${minCoverSize.height}px; overflow: hidden; }
body { box-sizing: border-box; display: flex; flex-direction: column; padding: 560px 160px 300px; background: #1d3557; color: #ffffff; font-family: ${serifStack(language)}; --scale: 1; }
.rule { flex: none; width: 240px; height: 16px; margin-bottom: 64px; background: #e9c46a; }
.titles { flex: 1 1 0; min-height: 0; overflow: hidden; }
h1 { margin: 0; font-size: calc(128px * var(--scale)); font-weight: 700; line-height: 1.3; text-wrap: balance; }
.subtitle { margin: 60px 0 0; font-size: calc(64px * var(--scale)); font-weight: 400; line-height: 1.4; text-wrap: balance; }
.authors { flex: none; margin: 60px 0 0; font-size: 72px; font-weight: 400; line-height: 1.3; }
.word { white-space: nowrap; }
body.squeezed .titles { overflow-wrap: anywhere; }
body.squeezed .titles .word { white-space: normal; }
</style></head><body>
<div class="rule"></div>
<div class="titles"><h1>${breakable(title, language)}</h1>${subtitleHtml}</div>
<p class="authors">${breakable(authors.join(', '), language)}</p>
</body></html>
`;
}

/**
 * Runs inside the page (a string, so that no bundler helper leaks into it): loads the faces the
 * cover's text needs in both weights, then sets title and subtitle smaller, a tenth at a time,
 * while a word is wider than the box (down to 60 %; a word still too wide is then broken) and
 * while they are taller than their box (down to 30 %). Says which families were loaded and which
 * failed.
 */
function fitScript(text: CoverText): string {
  const all = `${text.title}${text.subtitle ?? ''}${text.authors.join(', ')}`;
  return `(async () => {
    const stack = ${JSON.stringify(serifStack(text.language))};
    await Promise.all(['400', '700'].map((weight) => document.fonts.load(weight + ' 64px ' + stack, ${JSON.stringify(all)})));
    await document.fonts.ready;
    const titles = document.querySelector('.titles');
    const tooWide = () => [...titles.children].some((e) => e.scrollWidth > e.clientWidth);
    const tooTall = () => titles.scrollHeight > titles.clientHeight;
    let scale = 1;
    const shrink = () => document.body.style.setProperty('--scale', String((scale *= 0.9)));
    while (tooWide() && scale > 0.6) shrink();
    if (tooWide()) document.body.classList.add('squeezed');
    while (tooTall() && scale > 0.3) shrink();
    await document.fonts.ready;
    const faces = [...document.fonts];
    const names = (status) => [...new Set(faces.filter((f) => f.status === status).map((f) => f.family.replace(/^["']|["']$/g, '')))];
    return { loaded: names('loaded'), failed: names('error') };
  })()`;
}

/**
 * Draws the cover in a new tab of `browser` and takes it as PNG; the tab may read only the fonts
 * and its own folder. Throws when one of the book's faces fails to load: the cover would otherwise
 * quietly show another font.
 */
export async function drawCover(browser: Browser, text: CoverText): Promise<DrawnCover> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'book-cover-'));
  const page = await browser.newPage();
  try {
    const refused: string[] = [];
    await confine(page, () => [dir, ...toolFolders], (url) => refused.push(url));
    const file = path.join(dir, 'cover.html');
    writeFileSync(file, coverHtml(text));
    await page.setViewport({ ...minCoverSize, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 120_000 });
    const fonts = (await page.evaluate(fitScript(text))) as { loaded: string[]; failed: string[] };
    if (fonts.failed.length || refused.length) throw new BuildError(`EPUB: the typographic cover could not load ${[...fonts.failed, ...refused].join(', ')}`);
    // PNG, not Chromium's JPEG: the encoder that makes the EPUB's JPEG is sharp's, as for every other image.
    const png = Buffer.from(await page.screenshot({ type: 'png' }));
    return { png, families: fonts.loaded };
  } finally {
    await page.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

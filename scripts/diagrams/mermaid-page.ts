/**
 * The page Mermaid draws in: a tab of the build's Chromium with mermaid.min.js and the book's print
 * fonts loaded, so that mermaid measures each label in the faces the PDF prints it with and its
 * boxes fit the printed text. The page may read only mermaid, the fonts and its own folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { confine, toolFolders } from '../outputs/pdf/confine.js';
import { fontFaceCss, fontVariablesCss, serifStack } from '../outputs/pdf/fonts.js';

const require = createRequire(import.meta.url);
const mermaidScript = require.resolve('mermaid/dist/mermaid.min.js');

/** The installed mermaid's version, part of every drawing's cache key. */
export const mermaidVersion = (JSON.parse(readFileSync(path.join(path.dirname(mermaidScript), '..', 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The id every diagram is drawn under; mermaid scopes its CSS and derives its element ids from it.
 * Each placement replaces it with an id of its own, so one drawing serves every place it appears.
 */
export const drawingId = 'book-mermaid-drawing';

/** The settings every diagram is drawn with; they are part of every drawing's cache key. */
export const mermaidConfig = {
  startOnLoad: false,
  // Labels are plain text: no HTML, no links or callbacks, whatever the source says.
  securityLevel: 'strict',
  // A directive in a diagram (%%{init: …}%%) may change its look, but not these.
  secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'suppressErrorRendering', 'maxEdges', 'htmlLabels', 'fontFamily', 'deterministicIds', 'handDrawnSeed'],
  // Greys that print well in black and white.
  theme: 'neutral',
  // Labels as SVG <text>: HTML labels live in <foreignObject>, which e-readers may not show and
  // whose text Chromium cannot set in the print fonts of the page around it.
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  // The page around the diagram defines the stack: the print fonts in the PDF; in an EPUB the
  // variable is undefined, so labels take the reader's font.
  fontFamily: 'var(--book-serif)',
  // The same source draws the same bytes: element ids follow `drawingId`, and the jitter of the
  // shapes drawn with rough.js (class and ER diagrams) is seeded.
  deterministicIds: true,
  handDrawnSeed: 1,
  // A source mermaid cannot read is reported, not drawn as a "syntax error" picture.
  suppressErrorRendering: true,
};

/**
 * What a drawing depends on besides its source: the book's language (which print fonts measure the
 * labels) and the width of the printed text block in CSS px, which diagrams that fill their
 * container (Gantt charts) are drawn at, so that they print at their own size.
 */
export interface DrawSettings {
  language: string;
  width: number;
}

/** What mermaid made of one source: an SVG and the diagram's type, or why it could not draw it. */
export type Drawing = { svg: string; type: string } | { error: string; line?: number };

/**
 * Runs inside the page (a string, so that no bundler helper leaks into it): adds the font faces
 * the sources' characters need (`css`), loads them in both weights mermaid uses, then draws each
 * source in turn.
 */
function drawScript(sources: string[], language: string, css: string): string {
  return `(async () => {
    const sources = ${JSON.stringify(sources)};
    const style = document.createElement('style');
    style.textContent = ${JSON.stringify(css)};
    document.head.append(style);
    mermaid.initialize(${JSON.stringify(mermaidConfig)});
    const text = sources.join('');
    const stack = ${JSON.stringify(serifStack(language))};
    await Promise.all(['400', '700'].map((weight) => document.fonts.load(weight + ' 16px ' + stack, text)));
    const drawings = [];
    for (const source of sources) {
      try {
        const result = await mermaid.render(${JSON.stringify(drawingId)}, source);
        drawings.push({ svg: result.svg, type: result.diagramType });
      } catch (error) {
        const line = error && error.hash && error.hash.loc ? error.hash.loc.first_line : undefined;
        drawings.push({ error: String((error && error.message) || error), line });
      }
    }
    return drawings;
  })()`;
}

/** The print fonts that the characters of `sources` need, and their stack as `--book-serif`. */
function fontsCss(sources: string[], language: string): string {
  const used = new Set<number>();
  for (const source of sources) for (const char of source) used.add(char.codePointAt(0) as number);
  return `${fontFaceCss(language, used)}\n${fontVariablesCss(language)}`;
}

/**
 * The drawing page's HTML: mermaid alone. The fonts come with the sources (`drawScript`), so that
 * the page can load mermaid before the book's diagrams are known.
 */
function pageHtml(language: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><style>body { margin: 0; }</style><script src="${pathToFileURL(mermaidScript).href}"></script></head><body></body></html>`;
}

/** A tab with mermaid loaded, ready to draw with some settings; `close` it when done. */
export interface DrawingPage {
  settings: DrawSettings;
  /** Draws `sources` in order. */
  draw(sources: string[]): Promise<Drawing[]>;
  close(): Promise<void>;
}

/**
 * Opens a new tab of `browser` and loads mermaid in it (most of a first drawing's time), so that
 * this can start before the sources are known. `refused` hears of any URL the page tried to load
 * outside mermaid, the fonts and its own folder.
 */
export async function openDrawingPage(browser: Browser, settings: DrawSettings, refused: (url: string) => void): Promise<DrawingPage> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'book-diagrams-'));
  const page = await browser.newPage().catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  /** Closes the tab and removes its folder. */
  const close = async (): Promise<void> => {
    await page.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const folders = [dir, path.dirname(mermaidScript), ...toolFolders];
    const file = path.join(dir, 'draw.html');
    writeFileSync(file, pageHtml(settings.language));
    // Together: while the chapters parse, each round trip to Chromium waits for the next file.
    await Promise.all([confine(page, () => folders, refused), page.setViewport({ width: settings.width, height: 1000 })]);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 120_000 });
  } catch (error) {
    await close();
    throw error;
  }
  return { settings, close, draw: async (sources) => (await page.evaluate(drawScript(sources, settings.language, fontsCss(sources, settings.language)))) as Drawing[] };
}

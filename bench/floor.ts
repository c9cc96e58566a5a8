/**
 * The PDF floor: what one bare Chromium print of the whole book costs. `prepareFloor` writes the
 * whole book as ONE HTML file (every chapter's tree from the tool's own manuscript model, the same
 * shared print CSS and web fonts the PDF build uses, the images next to it); running this file
 * then launches Chromium, opens that file and calls page.pdf once: no measuring pass, no second
 * print, no post-processing. The benchmark times the child process running it.
 *
 * Usage: tsx bench/floor.ts HTML_FILE OUT.pdf [--untagged]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { loadConfig } from '../scripts/config/load.js';
import { Diagnostics } from '../scripts/diagnostics.js';
import { loadManuscript } from '../scripts/manuscript/load.js';
import { bookCharacters } from '../scripts/outputs/pdf/characters.js';
import { chapterDocument, sharedCss, sharedCssName } from '../scripts/outputs/pdf/chapter-html.js';
import { geometryOf } from '../scripts/outputs/pdf/geometry.js';

/** What `prepareFloor` wrote. */
export interface FloorInput {
  /** The single HTML file of the whole book. */
  html: string;
  chapters: number;
}

/**
 * Writes the whole book as one HTML document (plus book.css and the images) into `outDir`. With
 * `prepared`, each chapter is the body of the tool's own print document (chapterDocument: code split
 * into line blocks with their wrap markers, the hidden list of link targets) instead of the bare
 * chapter tree: the same content as the tool prints, in one document instead of one per chapter.
 */
export async function prepareFloor(bookDir: string, outDir: string, options: { prepared?: boolean } = {}): Promise<FloorInput> {
  const diagnostics = new Diagnostics();
  const config = loadConfig(path.resolve(bookDir), diagnostics);
  const manuscript = await loadManuscript(config, diagnostics);
  const geometry = geometryOf(config.print);
  mkdirSync(outDir, { recursive: true });
  const print = manuscript.styles.print;
  writeFileSync(path.join(outDir, sharedCssName), sharedCss(geometry, config.language, print.css, bookCharacters(manuscript, print.css)));
  for (const asset of [...manuscript.assets.values(), ...print.assets]) {
    const file = path.join(outDir, asset.href);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, asset.data);
  }
  const sections = manuscript.chapters.map((chapter) => {
    if (options.prepared) return chapterDocument(chapter, config).body;
    const tree = chapter.tree;
    // Links between chapter documents (`ch02.xhtml#id`) become links inside the one document.
    visit(tree, 'element', (el) => {
      const href = el.properties.href;
      if (el.tagName === 'a' && typeof href === 'string') el.properties.href = href.replace(/^(ch\d+)\.xhtml(#.*)?$/, (_, id: string, hash?: string) => hash ?? `#${id}`);
    });
    return `<section class="chapter" id="${chapter.id}">${toHtml(tree)}</section>`;
  });
  const html = `<!doctype html>
<html lang="${config.language}"><head><meta charset="utf-8"><title>${escapeHtml(config.title)}</title>
<link rel="stylesheet" href="${sharedCssName}">
</head><body>
${sections.join('\n')}
</body></html>
`;
  const file = path.join(outDir, options.prepared ? 'book-prepared.html' : 'book.html');
  writeFileSync(file, html);
  return { html: file, chapters: manuscript.chapters.length };
}

/** Escapes text for an HTML text node. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** Launches Chromium, opens the HTML file, prints it once to `out`, closes; logs each step's time. */
export async function printFloor(htmlFile: string, out: string, tagged: boolean): Promise<void> {
  const { launchBrowser } = await import('../scripts/outputs/pdf/browser.js');
  const t0 = performance.now();
  const browser = await launchBrowser();
  const t1 = performance.now();
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: 0 });
    const t2 = performance.now();
    // The same page.pdf options as the tool's own print, so the floor makes the same kind of PDF.
    await page.pdf({ path: out, preferCSSPageSize: true, tagged, printBackground: true, timeout: 0 });
    const t3 = performance.now();
    process.stderr.write(`floor: launch ${Math.round(t1 - t0)} ms, goto ${Math.round(t2 - t1)} ms, pdf ${Math.round(t3 - t2)} ms\n`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [htmlFile, out] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!htmlFile || !out) {
    process.stderr.write('Usage: tsx bench/floor.ts HTML_FILE OUT.pdf [--untagged]\n');
    process.exitCode = 2;
  } else {
    await printFloor(htmlFile, out, !process.argv.includes('--untagged'));
  }
}

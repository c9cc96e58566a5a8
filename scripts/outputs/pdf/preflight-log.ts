/**
 * The preflight report's summary on stderr, apart from the report's making (preflight.ts), which
 * reads PDFs: a build that takes its PDF from the cache logs the summary without loading pdf-lib.
 */
import { log } from '../../log.js';
import type { Geometry } from './geometry.js';
import { looseLineLimit } from './loose-lines.js';
import type { Preflight } from './preflight.js';

/** Pages printed less full than this share of the text block are reported. */
export const minimumFill = 0.75;

/** The short summary on stderr. */
export function logPreflight(report: Preflight, geometry: Geometry): void {
  const trim = `${report.trim.name} ${report.trim.widthMm}×${report.trim.heightMm} mm`;
  const bleed = geometry.bleed ? `, bleed ${geometry.bleed} mm${report.cropMarks ? ' with crop marks' : ''}` : ', no bleed';
  log(`PDF preflight: ${report.pages} pages, ${trim}${bleed}`);
  const fonts = report.fonts.map((f) => `${f.name} (${f.subtype}${f.embedded ? ', embedded' : ', NOT embedded'}${f.subset ? ', subset' : ''})`);
  log(`  fonts: ${fonts.join('; ')}`);
  log(`  images below 300 dpi: ${lowResolutionLine(report.lowResolutionImages)}`);
  log(`  overflowing blocks: ${report.overflows.length ? report.overflows.map((o) => `${o.document} ${o.element} +${o.byPx}px`).join(', ') : 'none'}`);
  log(`  lines stretched over ${looseLineLimit * 100}%: ${looseLinesLine(report.looseLines)}`);
  if (report.shrunk.length) log(`  set smaller to fit: ${report.shrunk.map((s) => s.detail).join('; ')}`);
  const underfilled = report.underfilledPages.map((p) => `p. ${p.folio} (${p.fullPercent}%)`);
  log(`  pages under ${minimumFill * 100}% full, not ending a chapter: ${underfilled.length ? underfilled.join(', ') : 'none'}`);
  const notes = report.footnotes;
  if (notes) log(`  footnotes at the page foot: ${notes.placed}${notes.continued ? `, ${notes.continued} continued on the next page` : ''}${notes.late.length ? `, ${notes.late.length} starting a page late` : ''}`);
  for (const problem of report.problems) log(`  problem: ${problem}`);
}

/** Each image printed below 300 dpi once, at its lowest resolution, with how many times it is printed that low. */
function lowResolutionLine(images: Preflight['lowResolutionImages']): string {
  const byImage = new Map<string, { dpi: number; times: number }>();
  for (const { image, dpi } of images) {
    const seen = byImage.get(image);
    byImage.set(image, { dpi: Math.min(dpi, seen?.dpi ?? dpi), times: (seen?.times ?? 0) + 1 });
  }
  if (!byImage.size) return 'none';
  return [...byImage].map(([image, { dpi, times }]) => `${image} ${dpi} dpi${times > 1 ? ` (${times} times)` : ''}`).join(', ');
}

/** How many lines are stretched, the worst few with their pages; the rest are in the JSON report. */
function looseLinesLine(lines: Preflight['looseLines']): string {
  if (!lines.length) return 'none';
  const shown = 5;
  const worst = [...lines].sort((a, b) => b.stretchPercent - a.stretchPercent || a.page - b.page).slice(0, shown);
  const more = lines.length > shown ? `, and ${lines.length - shown} more (preflight.json)` : '';
  return `${lines.length}: ${worst.map((l) => `p. ${l.folio} (page ${l.page}) +${l.stretchPercent}% "${l.text}"`).join(', ')}${more}`;
}

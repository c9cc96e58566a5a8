/**
 * A typographic cover for books whose metadata names no cover image: title and author set on a
 * plain background as SVG, rendered to the JPEG the EPUB carries (raster-cover.ts).
 */
import { escapeXml } from '../xhtml.js';

const width = 1600;
const height = 2560;


/** Rough advance width in em: CJK and full-width characters are square, Latin about half. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.56;
  return w;
}

/** Breaks text into lines of at most `maxEm`, between words (Korean keeps words whole too). */
export function wrapText(text: string, maxEm: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate) > maxEm) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The SVG cover for a title, optional subtitle and authors, in the book's language. */
export function typographicCover(title: string, subtitle: string | undefined, authors: string[], lang: string): string {
  const titleSize = 128;
  const titleLines = wrapText(title, (width - 320) / titleSize);
  const subtitleLines = subtitle ? wrapText(subtitle, (width - 320) / 64) : [];
  const text = (lines: string[], y: number, size: number, weight: number, lineHeight: number) =>
    lines
      .map((l, i) => `<text x="160" y="${y + i * size * lineHeight}" font-size="${size}" font-weight="${weight}">${escapeXml(l)}</text>`)
      .join('\n    ');
  const titleTop = 760;
  const subtitleTop = titleTop + titleLines.length * titleSize * 1.3 + 60;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xml:lang="${escapeXml(lang)}">
  <title>${escapeXml(title)}</title>
  <rect width="${width}" height="${height}" fill="#1d3557"/>
  <rect x="160" y="560" width="240" height="16" fill="#e9c46a"/>
  <g fill="#ffffff" font-family="'Noto Serif KR', 'Noto Serif CJK KR', 'Nanum Myeongjo', serif">
    ${text(titleLines, titleTop, titleSize, 700, 1.3)}
    ${text(subtitleLines, subtitleTop, 64, 400, 1.4)}
    ${text([authors.join(', ')], height - 360, 72, 400, 1.3)}
  </g>
</svg>
`;
}

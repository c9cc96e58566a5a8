/**
 * KaTeX's stylesheet, for the pages that show its HTML: the PDF's print pages and the preview.
 * Its fonts are named by a URL the caller chooses (a file: URL for Chromium's print pages, a
 * server path for the preview), WOFF2 only; its last resort for characters its fonts lack (Hangul
 * in `\text{…}`) is the book's own serif rather than a system font (the generic `math` family, Times
 * New Roman), which may print as Type 3.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** KaTeX's dist folder, holding its stylesheet and fonts/. */
export const katexDir = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');

let stylesheet: string | undefined;

/** KaTeX's stylesheet with each font at `fontUrl(file name)`. */
export function katexCss(fontUrl: (file: string) => string): string {
  stylesheet ??= readFileSync(path.join(katexDir, 'katex.min.css'), 'utf8');
  return stylesheet
    .replace(/src:url\(fonts\/([\w-]+\.woff2)\) format\("woff2"\)[^;}]*/g, (_, file: string) => `src:url(${fontUrl(file)}) format("woff2")`)
    .replace(/(?:math,)?Times New Roman,serif/g, 'var(--book-serif,serif)');
}

/** Whether `name` names one of KaTeX's WOFF2 fonts. */
export function isKatexFont(name: string): boolean {
  return /^KaTeX_[\w-]+\.woff2$/.test(name);
}

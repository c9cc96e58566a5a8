/**
 * Web fonts for the print documents, taken from the Fontsource packages. Their split woff2 files
 * embed in Chromium's PDFs as CID TrueType subsets, where the system's CFF-based CJK fonts turn into
 * Type 3 fonts that print shops reject. Each face keeps Fontsource's unicode-range, so a chapter
 * loads only the slices of the Hangul repertoire it actually uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The font families the print stylesheet may name, with the weights it uses. */
export const printFonts = {
  body: { family: 'Noto Serif KR', pkg: '@fontsource/noto-serif-kr', weights: [400, 700] },
  code: { family: 'Nanum Gothic Coding', pkg: '@fontsource/nanum-gothic-coding', weights: [400, 700] },
} as const;

let cachedCss: string | undefined;

/** The folder of an installed Fontsource package. */
export function fontsourceDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

/** Every @font-face rule of the print fonts, pointing at the package files through file:// URLs. */
export function fontFaceCss(): string {
  cachedCss ??= Object.values(printFonts)
    .flatMap(({ pkg, weights }) => weights.map((w) => facesOf(pkg, w)))
    .join('\n');
  return cachedCss;
}

/**
 * One weight's rules from the package's CSS, with absolute woff2 URLs and the woff fallback
 * dropped. The hundred small Hangul slices print faster than the package's single 1 MB "korean"
 * file, which Chromium subsets again for every chapter document (bench/what-we-tried.md).
 */
function facesOf(pkg: string, weight: number): string {
  const dir = fontsourceDir(pkg);
  const base = pathToFileURL(path.join(dir, 'files')).href;
  return readFileSync(path.join(dir, `${weight}.css`), 'utf8')
    .replace(/\/\*[^*]*\*\//g, '')
    .replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)[^;]*;/g, (_, file: string) => `src: url(${base}/${file}) format('woff2');`)
    .replace(/^\s*font-display:[^;]*;\n/gm, '')
    .replace(/\n{2,}/g, '\n');
}

/** The Latin slice of the body font as WOFF, small enough for fontkit to parse quickly (folios). */
export function folioFontBytes(): Buffer {
  return readFileSync(path.join(fontsourceDir(printFonts.body.pkg), 'files', 'noto-serif-kr-latin-400-normal.woff'));
}

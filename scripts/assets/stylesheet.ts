/**
 * A book's stylesheets with the files they point at (fonts, background images) taken into the book.
 * Each `url()` to a local file becomes a content-addressed name (`fonts/3f2a9c1b….woff2`) that
 * the EPUB packs next to its stylesheet and the PDF's print folder holds, so both outputs find it.
 * Remote, `data:` and fragment URLs stay as written; another scheme (`file:`), or a file that is
 * missing, of an unknown type or outside the book, is reported at its line and left out.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Cache } from '../cache/cache.js';
import type { BookConfig } from '../config/load.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Asset } from '../manuscript/model.js';
import { contentHref, decodePercent, isInside, isWebAddress, schemeOf } from '../paths.js';
import { toolRoot } from '../tool-root.js';
import { sniffImage } from './image-info.js';
import { checkReaderCss } from './reader-css.js';

/** The tool's own `styles/` folder: the built-in stylesheets every book starts from. */
const defaultStylesDir = path.join(toolRoot, 'styles');

/** A stylesheet ready for the outputs: its text with rewritten URLs, and the files they name. */
export interface Stylesheet {
  css: string;
  assets: Asset[];
}

/** Font formats by their first bytes: WOFF2, WOFF, TrueType and OpenType (CFF). */
const fontSignatures: [string, string, string][] = [
  ['wOF2', 'font/woff2', 'woff2'],
  ['wOFF', 'font/woff', 'woff'],
  ['\u0000\u0001\u0000\u0000', 'font/ttf', 'ttf'],
  ['true', 'font/ttf', 'ttf'],
  ['OTTO', 'font/otf', 'otf'],
];

/** The media type and extension of a font or image file, from its bytes. */
function identify(data: Buffer): { mediaType: string; extension: string; folder: string } | undefined {
  const magic = data.subarray(0, 4).toString('latin1');
  const font = fontSignatures.find(([signature]) => magic === signature);
  if (font) return { mediaType: font[1], extension: font[2], folder: 'fonts' };
  const image = sniffImage(data);
  return image && { mediaType: image.mediaType, extension: image.extension, folder: 'images' };
}

/**
 * The stylesheet `name` of a book: the tool's built-in one, then the book's own `styles/` copy
 * when it has one, so that a book's stylesheet only says what it changes (and the rules the
 * tool's layout depends on, such as page breaks in the front matter, stay). The local files their
 * `url()`s name are taken in.
 */
export function loadStylesheet(config: BookConfig, name: 'epub.css' | 'print.css', diagnostics: Diagnostics): Stylesheet {
  startBuild(config);
  const builtIn = path.join(defaultStylesDir, name);
  const own = path.join(config.layout.stylesDir, name);
  const files = existsSync(own) && path.resolve(own) !== path.resolve(builtIn) ? [builtIn, own] : [builtIn];
  const assets = new Map<string, Asset>();
  const css = files.map((file) => takeInUrls(file, config, assets, diagnostics)).join('\n');
  if (name === 'epub.css' && files.length > 1) checkReaderCss(readFileSync(own, 'utf8'), path.relative(config.root, own), diagnostics);
  return { css, assets: [...assets.values()] };
}

// Files already read, by path and stamp: the dev server reloads the stylesheets on every save,
// and a CJK font of several megabytes should not be read and hashed again each time.
const read = new Cache().namespace<{ asset?: Asset }>('stylesheet-file');

/** The configuration of the build that read files last: each build loads its own. */
let readFor: WeakRef<BookConfig> | undefined;

/** Notes the build `config` belongs to; a new build first forgets the files the previous one did not read. */
function startBuild(config: BookConfig): void {
  if (config === readFor?.deref()) return;
  read.sweep();
  readFor = new WeakRef(config);
}

/** A font or image file as an asset named by its content (undefined when it is neither), read once while unchanged. */
function fileAsset(file: string, stamp: string, origin: string): Asset | undefined {
  const key = read.key(file, stamp, origin);
  const known = read.get(key);
  if (known) return known.asset;
  const data = readFileSync(file);
  const kind = identify(data);
  const asset = kind && { href: contentHref(kind.folder, data, kind.extension), mediaType: kind.mediaType, data, origin };
  read.set(key, asset ? { asset } : {});
  return asset;
}

/** One stylesheet file's text with its local `url()`s rewritten to assets added to `assets`. */
function takeInUrls(file: string, config: BookConfig, assets: Map<string, Asset>, diagnostics: Diagnostics): string {
  const text = readFileSync(file, 'utf8');
  // The built-in stylesheets may only point inside the tool, a book's own only inside the book.
  const root = path.resolve(isInside(defaultStylesDir, file) ? toolRoot : config.root);
  const where = path.relative(config.root, file);
  return text.replace(/url\(\s*(["']?)([^"')]*)\1\s*\)/g, (whole, _quote: string, url: string, offset: number) => {
    const written = url.trim();
    const scheme = schemeOf(written);
    if (!written || written.startsWith('#') || scheme === 'data' || isWebAddress(written)) return whole;
    const line = text.slice(0, offset).split('\n').length;
    if (scheme) {
      // A file: URL would have the PDF read a file the book does not hold.
      diagnostics.warn(`url(${url}): only files of the book, data: and http(s) addresses can be used; left out`, where, line);
      return 'none';
    }
    const target = path.resolve(path.dirname(file), decodePercent(written.split(/[?#]/)[0] as string));
    if (!isInside(root, target)) {
      diagnostics.error(`url(${url}) leaves the book folder, so it is not read`, where, line);
      return 'none';
    }
    const stats = existsSync(target) ? statSync(target) : undefined;
    if (!stats?.isFile()) {
      diagnostics.warn(`url(${url}): no such file (${path.relative(root, target)}); left out`, where, line);
      return 'none';
    }
    const asset = fileAsset(target, `${stats.size}:${stats.mtimeMs}`, path.relative(config.root, target));
    if (!asset) {
      diagnostics.warn(`url(${url}): not a font (WOFF2, WOFF, TTF, OTF) or an image (PNG, JPEG, GIF, WebP, SVG); left out`, where, line);
      return 'none';
    }
    assets.set(asset.href, asset);
    return `url("${asset.href}")`;
  });
}

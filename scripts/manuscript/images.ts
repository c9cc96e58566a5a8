/**
 * Finds every image the chapters use (`<img src>`, and the files inline SVG draws with `<image>`,
 * `<use>` and `<feImage>`), loads it (local files relative to the chapter or to `assets/`, remote
 * ones through the download cache), checks that it really is an image, and gives it a
 * content-addressed name inside the publication. An image that cannot be had becomes a visible
 * placeholder showing its alt text (inside SVG, nothing is drawn), with a warning at its line.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from '../markdown/visit.js';
import type { BookConfig } from '../config/load.js';
import { problem, type Diagnostic, type Diagnostics } from '../diagnostics.js';
import { sniffImage, type ImageInfo } from '../assets/image-info.js';
import type { RemoteImage } from '../assets/remote.js';
import { cleanSvg } from '../assets/svg.js';
import { imageProperties } from '../markdown/image-references.js';
import { contentHref, decodePercent, isInside, isWebAddress, schemeOf } from '../paths.js';
import type { Asset } from './model.js';

interface ImageUse {
  node: Element;
  parent: Element | Root;
  file: string;
  src: string;
  /** The property that names the image: `src` of an <img>, `href` or `xLinkHref` in SVG. */
  property: string;
}

/**
 * Loads every image of a chapter into `assets` and points each `<img>` at its asset; remote images
 * come from `downloads`, fetched for the whole book at once (assets/remote.ts).
 */
export function resolveImages(tree: Root, file: string, downloads: Map<string, RemoteImage>, config: BookConfig, assets: Map<string, Asset>, diagnostics: Diagnostics): void {
  for (const use of collectImages(tree, file)) {
    const where = [path.relative(config.root, use.file), use.node.position?.start.line, use.node.position?.start.column] as const;
    const download = isWebAddress(use.src) ? downloads.get(use.src) : undefined;
    if (download?.ok && download.cacheProblem) diagnostics.warn(`image "${use.src}": ${download.cacheProblem.reason}`, ...where, download.cacheProblem.ruleId);
    const loaded = withCleanSvg(isWebAddress(use.src) ? fromDownload(download) : loadLocalImage(use.src, use.file, config));
    const inSvg = use.node.tagName !== 'img';
    if ('problem' in loaded) {
      const { reason, ruleId } = loaded.problem;
      // A path leading out of the book is an error; an image that is missing or broken is built around.
      if (loaded.problem.fatal) diagnostics.error(`image "${use.src}": ${reason}`, ...where, ruleId);
      else diagnostics.warn(`image "${use.src}" left out: ${reason}; ${inSvg ? 'the SVG draws nothing in its place' : 'a placeholder shows its alt text'}`, ...where, ruleId);
      leaveOut(use, config.labels.imageMissing);
    } else {
      if (loaded.removed?.length) diagnostics.warn(`image "${use.src}": removed ${loaded.removed.join(', ')} from the SVG (a book runs no scripts)`, ...where);
      for (const warning of loaded.warnings ?? []) diagnostics.warn(`image "${use.src}": ${warning}`, ...where, 'svg-doctype');
      const asset = registerAsset(assets, loaded.data, loaded.info, use.src);
      // `<use href="icons.svg#star">` names a symbol inside the file: keep the fragment.
      const fragment = inSvg && use.src.includes('#') ? use.src.slice(use.src.indexOf('#')) : '';
      use.node.properties[use.property] = asset.href + fragment;
      if (!inSvg && typeof use.node.properties.alt !== 'string') {
        // Readers would announce the file name; an empty alt at least keeps it silent.
        diagnostics.warn(`image "${use.src}" has no alt text: describe it in alt="...", or write alt="" role="presentation" if it is decorative`, ...where, 'image-alt');
        use.node.properties.alt = '';
      }
    }
  }
}

/** Every `<img>`, and every file inline SVG draws, in reading order. */
function collectImages(tree: Root, file: string): ImageUse[] {
  const uses: ImageUse[] = [];
  visit(tree, 'element', (node: Element, _index, parent) => {
    if (!parent) return;
    for (const property of imageProperties(node)) {
      const value = node.properties[property];
      uses.push({ node, parent, file, src: typeof value === 'string' ? value.trim() : '', property });
    }
  });
  return uses;
}

/**
 * An image's bytes, or the problem that kept them out (an error when the path leads out of the
 * book); for an SVG, the scripts `removed` and the `warnings` about its DOCTYPE.
 */
export type Loaded = { data: Buffer; info: ImageInfo; removed?: string[]; warnings?: string[] } | { problem: Diagnostic };

/** A load result for a missing or broken image: the book is built around it. */
function missing(reason: string): Loaded {
  return { problem: problem('warning', reason, { ruleId: 'image-missing' }) };
}

/** A load result for a path that leads out of the book: it is never read. */
function refused(reason: string): Loaded {
  return { problem: problem('error', reason, { ruleId: 'outside-book' }) };
}

/** An SVG image without its scripts and DOCTYPE (and what was removed); other results as they are. */
export function withCleanSvg(loaded: Loaded): Loaded {
  if (!('data' in loaded) || loaded.info.mediaType !== 'image/svg+xml') return loaded;
  const svg = cleanSvg(loaded.data);
  return 'problem' in svg ? missing(svg.problem) : { ...loaded, data: svg.data, removed: svg.removed, warnings: svg.warnings };
}

/** The outcome of a download, as a load result. */
function fromDownload(result: RemoteImage | undefined): Loaded {
  if (!result) return missing('it was not downloaded');
  return result.ok ? { data: result.data, info: result.info } : missing(`download failed (${result.problem.reason})`);
}

/** Where a local image may be: relative to the chapter, then to `assets/` (`/x` means the book root). */
function localCandidates(src: string, chapterFile: string, config: BookConfig): string[] {
  const decoded = decodePercent(src.split(/[?#]/)[0] as string);
  const root = path.resolve(config.root);
  return decoded.startsWith('/')
    ? [path.join(root, decoded), path.join(config.layout.assetsDir, decoded)]
    : [path.resolve(path.dirname(chapterFile), decoded), path.resolve(config.layout.assetsDir, decoded)];
}

/** Reads a local image, relative to the chapter or else to `assets/`; refuses paths outside the book. */
export function loadLocalImage(src: string, chapterFile: string, config: BookConfig): Loaded {
  if (src === '') return missing('the image has no path');
  if (schemeOf(src)) return missing('only local files and http(s) addresses can be embedded');
  const root = path.resolve(config.root);
  const candidates = localCandidates(src, chapterFile, config);
  const inside = candidates.filter((c) => isInside(root, c));
  if (inside.length === 0) return refused('the path leaves the book folder, so it is not read');
  const found = inside.find(isFile);
  // The file found outside the book is the one the author meant: a symbolic link to it, or a fallback path leading out.
  const outside = found ? undefined : candidates.find(isFile);
  if (outside) return refused(`${path.relative(root, outside)} leads outside the book folder, so it is not read`);
  if (!found) return missing(`no such file (looked for ${inside.map((c) => path.relative(root, c)).join(' and ')})`);
  const data = readFileSync(found);
  const info = sniffImage(data);
  if (!info) return missing(`${path.relative(root, found)} is not a PNG, JPEG, GIF, WebP or SVG image`);
  return { data, info };
}

/** Whether a path names an existing regular file. */
function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

/** What an image source currently points at (size and time of the local file), for cache keys. */
export function imageStamp(src: string, chapterFile: string, config: BookConfig): string {
  if (isWebAddress(src)) return src;
  const stamps = localCandidates(src, chapterFile, config).map((c) => {
    const stat = statSync(c, { throwIfNoEntry: false });
    return stat ? `${stat.size}:${stat.mtimeMs}` : '-';
  });
  return `${src}|${stamps.join('|')}`;
}

/** The image sources of a tree (as `resolveImages` finds them), in order. */
export function imageSources(tree: Root): string[] {
  const sources: string[] = [];
  visit(tree, 'element', (node: Element) => {
    for (const property of imageProperties(node)) {
      const value = node.properties[property];
      sources.push(typeof value === 'string' ? value : '');
    }
  });
  return sources;
}

/** Adds an image to the book under a name made from its content, so builds are reproducible. */
export function registerAsset(assets: Map<string, Asset>, data: Buffer, info: ImageInfo, origin: string): Asset {
  const href = contentHref('images', data, info.extension);
  let asset = assets.get(href);
  if (!asset) {
    asset = { href, mediaType: info.mediaType, data, origin };
    if (info.width) asset.width = info.width;
    if (info.height) asset.height = info.height;
    assets.set(href, asset);
  }
  return asset;
}

/** Puts a visible note with the alt text where an <img> could not be embedded; inside SVG, drops the reference. */
function leaveOut(use: ImageUse, label: string): void {
  if (use.node.tagName !== 'img') {
    delete use.node.properties[use.property];
    return;
  }
  const alt = typeof use.node.properties.alt === 'string' ? use.node.properties.alt : '';
  // Plain text, not role="img": there is no image, and a screen reader should say so as the page does.
  const placeholder = h('span', { className: ['image-missing'] }, `[${label}${alt ? `: ${alt}` : ''}]`);
  const index = use.parent.children.indexOf(use.node);
  use.parent.children[index] = placeholder;
}

/**
 * The EPUB's cover as a JPEG of at least 1600×2560 px: Google Play and Apple ask for a raster front
 * cover, Kindle wants a large one, and an SVG cover whose text needs fonts the reader may lack
 * renders differently everywhere. The author's image goes through sharp (an SVG drawn by librsvg,
 * a smaller raster image scaled up to the size); the typographic cover is drawn by Chromium in the
 * book's fonts (cover.ts) and kept in the book's cache.
 */
import type { Browser } from 'puppeteer';
import { Cache } from '../../cache/cache.js';
import { DiskStore } from '../../cache/disk-store.js';
import type { Asset } from '../../manuscript/model.js';
import { contentHref } from '../../paths.js';
import { coverHtml, drawCover, minCoverSize, type CoverText } from './cover.js';

/** The cover image `source` (SVG or raster) as a JPEG asset of at least the store size, transparency on white. */
export async function rasterCover(source: Pick<Asset, 'data' | 'mediaType' | 'origin'>): Promise<Asset> {
  const { default: sharp } = await import('sharp');
  const svg = source.mediaType === 'image/svg+xml';
  const { width = 1, height = 1 } = await sharp(source.data).metadata();
  const scale = Math.max(minCoverSize.width / width, minCoverSize.height / height, 1);
  // An SVG is drawn at the size it needs (72 dpi is its own size); a raster image is resampled.
  const image = svg ? sharp(source.data, { density: 72 * scale }) : sharp(source.data).resize(Math.ceil(width * scale), Math.ceil(height * scale));
  const data = await image.flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer();
  return jpegAsset(data, source.origin, await sharp(data).metadata());
}

/**
 * The typographic cover as a JPEG asset. The same page (text, fonts, layout: its HTML) drawn
 * before is taken from the book's cache folder, so that a rebuild starts no browser for it; like a
 * diagram's drawing, the key leaves out the Chromium build, which changes no glyph of it.
 */
export async function typographicCover(text: CoverText, cacheDir: string, chromium: () => Promise<Browser>): Promise<Asset> {
  const covers = new Cache({ store: new DiskStore(cacheDir) }).namespace<Buffer>('epub-cover');
  const key = covers.key(coverHtml(text));
  let data = covers.get(key);
  if (!data) {
    data = (await rasterCover({ data: (await drawCover(await chromium(), text)).png, mediaType: 'image/png', origin: 'cover' })).data;
    covers.set(key, data);
  }
  // Only this book's current cover is kept.
  covers.sweep([key]);
  return jpegAsset(data, 'cover', minCoverSize);
}

/** A JPEG's bytes as an asset named after its content. */
function jpegAsset(data: Buffer, origin: string, size: { width?: number | undefined; height?: number | undefined }): Asset {
  return { href: contentHref('images', data, 'jpg'), mediaType: 'image/jpeg', data, origin, width: size.width ?? 0, height: size.height ?? 0 };
}

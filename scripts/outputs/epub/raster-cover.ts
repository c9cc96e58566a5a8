/**
 * The EPUB's cover as a JPEG of at least 1600×2560 px: Google Play and Apple ask for a raster front
 * cover, Kindle wants a large one, and an SVG cover whose text needs fonts the reader may lack
 * renders differently everywhere. An SVG (the author's or the typographic one) is rendered by
 * librsvg through sharp with the system's fonts; a smaller raster image is scaled up to the size.
 */
import type { Asset } from '../../manuscript/model.js';
import { contentHref } from '../../paths.js';

/** The least cover size stores ask for (Kindle and Apple's recommendation, Google's upload size). */
export const minCoverSize = { width: 1600, height: 2560 };

/** The cover image `source` (SVG or raster) as a JPEG asset of at least the store size, transparency on white. */
export async function rasterCover(source: Pick<Asset, 'data' | 'mediaType' | 'origin'>): Promise<Asset> {
  const { default: sharp } = await import('sharp');
  const svg = source.mediaType === 'image/svg+xml';
  const { width = 1, height = 1 } = await sharp(source.data).metadata();
  const scale = Math.max(minCoverSize.width / width, minCoverSize.height / height, 1);
  // An SVG is drawn at the size it needs (72 dpi is its own size); a raster image is resampled.
  const image = svg ? sharp(source.data, { density: 72 * scale }) : sharp(source.data).resize(Math.ceil(width * scale), Math.ceil(height * scale));
  const data = await image.flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer();
  const size = await sharp(data).metadata();
  return { href: contentHref('images', data, 'jpg'), mediaType: 'image/jpeg', data, origin: source.origin, width: size.width ?? 0, height: size.height ?? 0 };
}

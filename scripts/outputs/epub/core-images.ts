/**
 * EPUB-only stand-ins for images readers take badly; the PDF keeps the originals, which Chromium reads.
 * - WebP became a core type only in EPUB 3.3: EPUBCheck 4 and many readers still in use reject it
 *   without a fallback, so the EPUB carries a lossless PNG (an animated WebP becomes a GIF).
 * - Apple Books refuses interior images above 4 million pixels: larger ones are scaled down.
 * - Transparent PNGs turn black or vanish in readers' night modes (Kobo advises against them):
 *   they are flattened onto white, unless the book keeps transparency (book.yaml `epub`).
 * The same input gives the same bytes: libvips encodes deterministically and nothing is timed.
 */
import { sniffImage } from '../../assets/image-info.js';
import type { Diagnostics } from '../../diagnostics.js';
import type { Asset } from '../../manuscript/model.js';

/** The most pixels an EPUB image may have (Apple Books Asset Guide). */
export const maxEpubPixels = 4_000_000;

/** What the stand-ins depend on besides the images. */
export interface StandInOptions {
  /** Leave transparent PNGs as they are (book.yaml `epub: {keepTransparency: true}`). */
  keepTransparency: boolean;
  /** Where each changed image is reported, in one info line. */
  diagnostics: Diagnostics;
}

/** Stand-ins for the assets that need one, keyed by the original's href. */
export async function readerStandIns(assets: Iterable<Asset>, options: StandInOptions): Promise<Map<string, Asset>> {
  const standIns = new Map<string, Asset>();
  const candidates = [...assets].filter((a) => mayNeedStandIn(a, options));
  if (candidates.length === 0) return standIns;
  // Loaded only when needed: libvips takes a moment to load, and most books need no stand-in.
  const { default: sharp } = await import('sharp');
  for (const asset of candidates) {
    const webp = asset.mediaType === 'image/webp';
    const metadata = await sharp(asset.data, { animated: true }).metadata();
    const animated = (metadata.pages ?? 1) > 1;
    if (animated) {
      // An animation is only converted: scaling or flattening it frame by frame is not worth its rarity.
      if (webp) standIns.set(asset.href, { ...asset, href: asset.href.replace(/\.webp$/, '.gif'), mediaType: 'image/gif', data: await sharp(asset.data, { animated: true }).gif().toBuffer() });
      continue;
    }
    let image = sharp(asset.data);
    const changes: string[] = [];
    const { width = 0, height = 0 } = metadata;
    let size = { width, height };
    if (width * height > maxEpubPixels) {
      const scale = Math.sqrt(maxEpubPixels / (width * height));
      size = { width: Math.floor(width * scale), height: Math.floor(height * scale) };
      image = image.resize(size.width, size.height);
      changes.push(`scaled down from ${width}×${height} to ${size.width}×${size.height} px (readers such as Apple Books take at most 4 million pixels)`);
    }
    if (asset.mediaType === 'image/png' && !options.keepTransparency && metadata.hasAlpha && !(await sharp(asset.data).stats()).isOpaque) {
      image = image.flatten({ background: '#ffffff' });
      changes.push('transparency flattened onto white (it turns black or vanishes in night modes; epub: {keepTransparency: true} in book.yaml keeps it)');
    }
    if (!webp && changes.length === 0) continue;
    const data = asset.mediaType === 'image/jpeg' ? await image.jpeg({ quality: 90 }).toBuffer() : await image.png().toBuffer();
    const standIn: Asset = { ...asset, href: webp ? asset.href.replace(/\.webp$/, '.png') : asset.href, mediaType: webp ? 'image/png' : asset.mediaType, data };
    if (asset.width) standIn.width = size.width;
    if (asset.height) standIn.height = size.height;
    standIns.set(asset.href, standIn);
    // The origin is the image as a chapter or book.yaml wrote it: one line per image, however often it is used.
    if (changes.length) options.diagnostics.info(`EPUB: image "${asset.origin}" ${changes.join('; ')}; the PDF keeps the original`, undefined, undefined, undefined, 'epub-image');
  }
  return standIns;
}

/** Whether an asset may need a stand-in, from its header alone: a WebP, a large image, a PNG that can be transparent. */
function mayNeedStandIn(asset: Asset, options: StandInOptions): boolean {
  if (asset.mediaType === 'image/webp') return true;
  if (asset.mediaType !== 'image/png' && asset.mediaType !== 'image/jpeg') return false;
  const info = sniffImage(asset.data);
  if (!info) return false;
  if ((info.width ?? 0) * (info.height ?? 0) > maxEpubPixels) return true;
  return asset.mediaType === 'image/png' && !options.keepTransparency && pngMayBeTransparent(asset.data);
}

/** Whether a PNG has an alpha channel (colour types 4 and 6) or a tRNS chunk, read from its chunks. */
function pngMayBeTransparent(data: Buffer): boolean {
  const colourType = data[25];
  if (colourType === 4 || colourType === 6) return true;
  // Chunks follow the 8-byte signature: length, type, data, CRC; tRNS comes before the first IDAT.
  for (let at = 8; at + 8 <= data.length; ) {
    const type = data.toString('latin1', at + 4, at + 8);
    if (type === 'tRNS') return true;
    if (type === 'IDAT') return false;
    at += 12 + data.readUInt32BE(at);
  }
  return false;
}

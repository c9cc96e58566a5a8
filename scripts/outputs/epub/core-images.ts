/**
 * Images whose media type is outside EPUB 3.2's core set. WebP became a core type only in EPUB 3.3:
 * EPUBCheck 4 and many readers still in use reject it without a fallback, so the EPUB carries a
 * lossless PNG (an animated WebP becomes a GIF) in its place. The PDF keeps the WebP, which
 * Chromium reads.
 */
import type { Asset } from '../../manuscript/model.js';

/** Core-type stand-ins for the assets that need one, keyed by the original's href. */
export async function coreTypeStandIns(assets: Iterable<Asset>): Promise<Map<string, Asset>> {
  const standIns = new Map<string, Asset>();
  const webp = [...assets].filter((a) => a.mediaType === 'image/webp');
  if (webp.length === 0) return standIns;
  // Loaded only when needed: libvips takes a moment to load, and most books have no WebP.
  const { default: sharp } = await import('sharp');
  for (const asset of webp) {
    const image = sharp(asset.data, { animated: true });
    const animated = ((await image.metadata()).pages ?? 1) > 1;
    const data = animated ? await image.gif().toBuffer() : await image.png().toBuffer();
    const extension = animated ? 'gif' : 'png';
    standIns.set(asset.href, { ...asset, href: asset.href.replace(/\.webp$/, `.${extension}`), mediaType: `image/${extension}`, data });
  }
  return standIns;
}

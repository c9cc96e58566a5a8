/**
 * Which attributes of a chapter's elements name an image file the book must embed: every stage
 * that loads, renames or replaces images (manuscript/images.ts, the EPUB's stand-ins) asks here,
 * so an image inside inline SVG is never missed by one of them.
 */
import type { Element } from 'hast';
import { schemeOf } from '../paths.js';

/** SVG elements that draw a file: an image, a symbol of another SVG, a filter's image input. */
const svgDrawers = new Set(['image', 'use', 'feImage']);

/**
 * The properties of an element that name an image file: `src` of an <img>, `href` and
 * `xlink:href` of SVG's drawing elements. Inside SVG, a fragment (`#shape`) points into the same
 * document and a `data:` URL holds its image itself: neither names a file, so both are left alone.
 */
export function imageProperties(node: Element): string[] {
  if (node.tagName === 'img') return ['src'];
  if (!svgDrawers.has(node.tagName)) return [];
  return ['href', 'xLinkHref'].filter((property) => {
    const value = node.properties[property];
    return typeof value === 'string' && !value.trim().startsWith('#') && schemeOf(value.trim()) !== 'data';
  });
}

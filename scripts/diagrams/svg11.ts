/**
 * Mermaid writes SVG for browsers, with a few SVG 2 and HTML habits that EPUB's SVG 1.1 schema
 * (which EPUBCheck applies to inline SVG) rejects. Each is rewritten into its SVG 1.1 equivalent
 * or dropped where browsers ignore it anyway; the drawing looks the same.
 */
import type { Element } from 'hast';
import { find, svg as svgSchema } from 'property-information';
import { visit } from '../markdown/visit.js';

// Elements that take width and height in SVG 1.1 (filter primitives, fe*, too).
const sized = new Set(['svg', 'rect', 'image', 'foreignObject', 'pattern', 'mask', 'filter', 'use']);
// Elements that take a viewBox in SVG 1.1.
const viewBoxed = new Set(['svg', 'symbol', 'marker', 'pattern', 'view']);
// Attributes no SVG element has: mermaid's bookkeeping, which no renderer reads.
const foreign = new Set(['name', 'datatype']);
// Attributes that must not be empty: mermaid writes `font-weight=""` where it has no weight.
const presentation = new Set(['font-weight', 'font-style', 'font-size', 'font-family', 'fill', 'stroke', 'text-anchor', 'dominant-baseline', 'alignment-baseline']);
// SVG 2 attributes whose CSS property SVG 1.1 renderers read from `style` instead.
const toStyle = new Set(['transform-origin']);

/** Rewrites the drawing under `root` to valid SVG 1.1, in place. */
export function conformToSvg11(root: Element): void {
  visit(root, 'element', (node: Element) => {
    const name = node.tagName;
    const styles: string[] = [];
    for (const [property, value] of Object.entries(node.properties)) {
      const attribute = find(svgSchema, property).attribute;
      const drop =
        foreign.has(attribute) ||
        ((attribute === 'width' || attribute === 'height') && !sized.has(name) && !name.startsWith('fe')) ||
        (attribute === 'viewBox' && !viewBoxed.has(name)) ||
        (presentation.has(attribute) && value === '');
      if (toStyle.has(attribute)) styles.push(`${attribute}: ${String(value)}`);
      if (drop || toStyle.has(attribute)) delete node.properties[property];
    }
    if (styles.length) node.properties.style = [typeof node.properties.style === 'string' ? node.properties.style.replace(/;?\s*$/, '') : '', ...styles].filter(Boolean).join('; ');
    // A rect without a size draws nothing; SVG 1.1 wants the size said.
    if (name === 'rect') {
      node.properties.width ??= 0;
      node.properties.height ??= 0;
    }
  });
}

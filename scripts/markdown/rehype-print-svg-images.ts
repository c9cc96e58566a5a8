/**
 * Print only. An SVG image that draws text is put into the page instead of an `<img>`: an image
 * is a document of its own, which cannot use the page's web fonts, so its text (`font-family=
 * "Arial"`) fell back to a system font that Chromium embeds as Type 3 or as a system font. In the
 * page its families map to the book's print stacks and its text prints in the embedded Fontsource
 * fonts (characters.ts counts that text, so the stylesheet has the faces it needs). An image
 * without text stays an image: nothing would change but the size of the page.
 */
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from './visit.js';
import type { Element as XmlElement } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { inlineSvg, svgRoot } from '../assets/svg-inline.js';
import { drawnText } from '../assets/svg-text.js';
import { classList } from './hast-classes.js';

/** The pass's options. */
export interface Options {
  /** The book's images by the href the chapters' `<img src>` name (`images/….svg`). */
  images: ReadonlyMap<string, { mediaType: string; data: Buffer }>;
}

/** The unified plugin. */
export default function rehypePrintSvgImages(options: Options) {
  return (tree: Root): void => {
    const ids = new Set<string>();
    visit(tree, 'element', (el: Element) => {
      if (el.properties.id !== undefined) ids.add(String(el.properties.id));
    });
    let figures = 0;
    visit(tree, 'element', (el: Element, index, parent) => {
      if (el.tagName !== 'img' || !parent || index === undefined) return undefined;
      const image = typeof el.properties.src === 'string' ? options.images.get(el.properties.src) : undefined;
      const root = image?.mediaType === 'image/svg+xml' ? textRoot(image.data) : undefined;
      if (!root) return undefined;
      // Unique in the chapter's document: no id of the chapter starts with it.
      let prefix: string;
      do prefix = `svg-image-${++figures}-`;
      while ([...ids].some((id) => id.startsWith(prefix)));
      parent.children[index] = inPlaceOf(el, inlineSvg(root, prefix));
      return SKIP;
    });
  };
}

/** The root `<svg>` of an SVG file that draws text, parsed afresh (the pass changes it). */
function textRoot(data: Buffer): XmlElement | undefined {
  let root: XmlElement | undefined;
  try {
    root = svgRoot(fromXml(data.toString('utf8')));
  } catch {
    // The book's SVG files were parsed when they were loaded: one that is not well-formed never gets here.
    return undefined;
  }
  return root && drawnText(root).trim() !== '' ? root : undefined;
}

/**
 * The drawing where the `<img>` was, in a wrapper laid out as the image (print.css `.svg-image`):
 * the image's id and classes go to the wrapper, its size and style to the drawing, its alt text
 * to the drawing's accessible name.
 */
function inPlaceOf(img: Element, svg: Element): Element {
  const { alt, width, height, style, id } = img.properties;
  if (width !== undefined) svg.properties.width = width;
  if (height !== undefined) svg.properties.height = height;
  if (typeof style === 'string') svg.properties.style = [svg.properties.style, style].filter(Boolean).join('; ');
  if (typeof alt === 'string' && alt !== '') Object.assign(svg.properties, { role: 'img', ariaLabel: alt });
  else svg.properties.ariaHidden = 'true';
  const wrapper = h('span', { id }, [svg]);
  wrapper.properties.className = [...classList(img), 'svg-image'];
  return wrapper;
}

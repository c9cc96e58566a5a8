/**
 * EPUB only. Points images at their stand-ins (a WebP's PNG, see
 * outputs/epub/core-images.ts); the PDF keeps the originals, which Chromium reads.
 */
import type { Element, Root } from 'hast';
import { visit } from './visit.js';
import { imageProperties } from './image-references.js';

export interface Options {
  /** The stand-in's href for each original's href. */
  standIns: Map<string, string>;
}

/** The unified plugin. */
export default function rehypeEpubStandIns(options: Options) {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element) => {
      for (const property of imageProperties(node)) {
        const standIn = options.standIns.get(String(node.properties[property]));
        if (standIn) node.properties[property] = standIn;
      }
    });
  };
}

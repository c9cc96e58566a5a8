/**
 * Reports Markdown images with an empty alt text (`![](chart.png)`): a raw `<img alt="">` says on
 * purpose that an image is decorative, but Markdown has no other way to write an image, so an empty
 * alt there is most often forgotten. An image that a plugin of the book marks decorative
 * (`data.hProperties.role` of `presentation` or `none`) is left alone. Same rule id as a raw
 * `<img>` without alt (manuscript/images.ts), so `--release` blocks both.
 */
import type { Image, ImageReference, Root } from 'mdast';
import { visit } from './visit.js';
import type { VFile } from 'vfile';

/** The unified plugin. */
export default function remarkImageAlt() {
  return (tree: Root, file: VFile): void => {
    visit(tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return;
      const image = node as Image | ImageReference;
      if ((image.alt ?? '').trim() || isMarkedDecorative(image)) return;
      const name = image.type === 'image' ? image.url : `[${image.label ?? image.identifier}]`;
      file.message(`image "${name}" has no alt text: describe it in ![...], or if it is decorative write it as <img src="..." alt="" role="presentation">`, {
        place: image.position,
        ruleId: 'image-alt',
      });
    });
  };
}

/** Whether a plugin of the book gave the image the role of a decorative one. */
function isMarkedDecorative(image: Image | ImageReference): boolean {
  const properties = image.data?.hProperties ?? {};
  const role = String(properties.role ?? '');
  return role === 'presentation' || role === 'none' || String(properties.ariaHidden) === 'true';
}

/**
 * Checks the language of parts that the author marks in raw HTML (`<span lang="fr">`,
 * `<div lang="ja">`): a value that is not a well-formed BCP 47 tag (RFC 5646) is removed with a
 * warning at its line, so that readers and screen readers are never handed a language they cannot
 * look up and the EPUB stays valid. The EPUB's serializer (outputs/xhtml.ts) repeats each `lang`
 * as `xml:lang`, which XHTML requires to match.
 */
import type { Element, Root } from 'hast';
import { visit } from './visit.js';
import type { VFile } from 'vfile';

// RFC 5646's ABNF: language[-script][-region](-variant)*(-extension)*[-privateuse], a private-use
// tag alone, or one of the grandfathered tags.
const langtag =
  '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\\d{3}))?(?:-(?:[a-z\\d]{5,8}|\\d[a-z\\d]{3}))*(?:-[\\da-wyz](?:-[a-z\\d]{2,8})+)*(?:-x(?:-[a-z\\d]{1,8})+)?';
const privateUse = 'x(?:-[a-z\\d]{1,8})+';
const grandfathered =
  'en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang';
const wellFormed = new RegExp(`^(?:${langtag}|${privateUse}|${grandfathered})$`, 'i');

/** Whether `tag` is a well-formed BCP 47 language tag (its form only: the subtags are not looked up). */
export function isWellFormedLanguageTag(tag: string): boolean {
  if (!wellFormed.test(tag)) return false;
  // A singleton may open one extension only (RFC 5646 section 2.2.6).
  const singletons = tag.toLowerCase().split('-x-')[0]?.split('-').filter((part) => part.length === 1) ?? [];
  return new Set(singletons).size === singletons.length;
}

/** The unified plugin. */
export default function rehypeLangTags() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'element', (node: Element) => {
      const lang = node.properties.lang;
      // An empty lang says "unknown language" on purpose (HTML), which XHTML allows too.
      if (typeof lang !== 'string' || lang === '' || isWellFormedLanguageTag(lang)) return;
      const hyphenated = lang.trim().replace(/_/g, '-');
      const hint = hyphenated !== lang && isWellFormedLanguageTag(hyphenated) ? `; did you mean lang="${hyphenated}"?` : ' (such as en, fr-CA or zh-Hant)';
      file.message(`removed lang="${lang}" from <${node.tagName}>: it is not a well-formed BCP 47 language tag${hint}`, { place: node.position, ruleId: 'lang-tag' });
      delete node.properties.lang;
    });
  };
}

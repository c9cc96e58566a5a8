/**
 * Reads code fence info strings as books really write them: mdBook's `rust,ignore` and
 * `rust,noplayground,should_panic`, Pandoc's `{.python .numberLines}`, `js title="app.js"`, Hugo's
 * `python {linenos=true}`. CommonMark takes everything up to the first space as the language, so
 * `rust,ignore` would be a language of its own and `{.python` another; the highlighter reads the
 * `language-…` class remark-rehype makes of `lang`. So `lang` becomes the language word alone and
 * `meta` the rest. A `title=` or `filename=` attribute names the listing: the block becomes a
 * figure with that caption (`figure.listing > figcaption + pre`).
 */
import type { Code, Parent, Root, Text } from 'mdast';
import { visit } from './visit.js';

/** A code block with its caption, made into `<figure class="listing">`. */
export interface Listing extends Parent {
  type: 'listing';
  children: [ListingCaption, Code];
}

/** The caption of a listing, made into `<figcaption>`. */
export interface ListingCaption extends Parent {
  type: 'listingCaption';
  children: Text[];
}

declare module 'mdast' {
  interface BlockContentMap {
    listing: Listing;
  }
  interface RootContentMap {
    listing: Listing;
    listingCaption: ListingCaption;
  }
}

/** An info string taken apart. */
export interface CodeInfo {
  /** The language word, if the info names one. */
  language?: string;
  /** Everything else, as written (flags, attributes), if anything. */
  meta?: string;
  /** `key=value` attributes, unquoted; flags (`ignore`, `.numberLines`) are not kept here. */
  attributes: Map<string, string>;
}

// One attribute: `.class`, `#id`, `key=value`, `key="value"`, `key='value'` or a bare word.
const attributePattern = /([^\s,={}]+)(?:=("[^"]*"|'[^']*'|[^\s,{}]*))?/g;

/** The attributes of `text` (without braces), and the first `.class` or bare word as a candidate language. */
function readAttributes(text: string, info: CodeInfo): { firstClass?: string; firstWord?: string } {
  const found: { firstClass?: string; firstWord?: string } = {};
  for (const [, key = '', value] of text.matchAll(attributePattern)) {
    if (value !== undefined) info.attributes.set(key, /^["']/.test(value) ? value.slice(1, -1) : value);
    else if (key.startsWith('.')) found.firstClass ??= key.slice(1);
    else if (!key.startsWith('#')) found.firstWord ??= key;
  }
  return found;
}

/** Takes an info string (`lang` and `meta` joined by a space) apart. */
export function parseInfo(info: string): CodeInfo {
  const text = info.trim();
  const result: CodeInfo = { attributes: new Map() };
  if (text.startsWith('{')) {
    // Pandoc and R Markdown: `{.python .numberLines}`, `{r chunk, echo=FALSE}`: the first class, else the first word.
    const close = text.indexOf('}');
    const inside = close === -1 ? text.slice(1) : text.slice(1, close);
    const found = readAttributes(inside, result);
    const language = found.firstClass ?? found.firstWord;
    if (language) result.language = language;
    const meta = text.replace(language ? (found.firstClass ? `.${language}` : language) : '', '').replace(/^\{\s*\}/, '').trim();
    if (meta) result.meta = meta;
    return result;
  }
  // mdBook: the words of the first token are separated by commas, the first is the language.
  const [word = '', ...rest] = text.split(/\s+/);
  const [language, ...flags] = word.split(',');
  if (language) result.language = language;
  const remainder = rest.join(' ');
  readAttributes(remainder.replace(/^\{(.*)\}$/s, '$1'), result);
  const meta = [flags.filter(Boolean).join(','), remainder].filter(Boolean).join(' ');
  if (meta) result.meta = meta;
  return result;
}

/** The unified plugin. */
export default function remarkCodeInfo() {
  return (tree: Root): void => {
    visit(tree, 'code', (node: Code, index, parent) => {
      if (!node.lang) return;
      const info = parseInfo(node.meta ? `${node.lang} ${node.meta}` : node.lang);
      // Unchanged nodes stay exactly as parsed (`meta` absent, not null), so plain fences come out the same.
      if ((info.language ?? null) !== node.lang) node.lang = info.language ?? null;
      if ((info.meta ?? null) !== (node.meta ?? null)) node.meta = info.meta ?? null;
      const caption = info.attributes.get('title') ?? info.attributes.get('filename');
      if (!caption || !parent || index === undefined) return;
      const listing: Listing = {
        type: 'listing',
        data: { hName: 'figure', hProperties: { className: ['listing'] } },
        children: [{ type: 'listingCaption', data: { hName: 'figcaption' }, children: [{ type: 'text', value: caption }] }, node],
      };
      if (node.position) listing.position = node.position;
      parent.children[index] = listing;
    });
  };
}

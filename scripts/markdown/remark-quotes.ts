/**
 * Typographic quotation marks from the straight ones typed on a keyboard, by the book's language:
 * in Korean `"…"` → “…” and `'…'` → ‘…’, and an apostrophe inside a Latin word (`don't`) → ’.
 * Only prose changes: code, math, raw HTML, attribute values (alt text, link titles) and
 * written-out addresses keep what the author typed. It runs on the Markdown tree, for every
 * output, so the e-book, the printed book and the titles in their contents all agree. Languages
 * whose marks are not listed here (French, with its spaced guillemets, among them) are left as
 * written.
 */
import type { Nodes, PhrasingContent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from './visit.js';

/** The opening and closing marks a language quotes with, outer (double) and inner (single). */
export interface QuoteMarks {
  double: [string, string];
  single: [string, string];
}

const curly: QuoteMarks = { double: ['\u201C', '\u201D'], single: ['\u2018', '\u2019'] };
const lowHigh: QuoteMarks = { double: ['\u201E', '\u201C'], single: ['\u201A', '\u2018'] };
const guillemets: QuoteMarks = { double: ['\u00AB', '\u00BB'], single: ['\u201E', '\u201C'] };

/**
 * Marks by primary language subtag (CLDR's delimiters). Japanese and Traditional Chinese quote
 * their own text with 「」, which authors type themselves; a straight quote there marks a Latin term
 * or a message, which horizontal CJK text sets with “ ” (JLREQ's cl-01), never with brackets.
 */
const marksByLanguage: Record<string, QuoteMarks> = {
  ...Object.fromEntries(['en', 'ko', 'ja', 'zh', 'nl', 'pt', 'tr', 'id', 'ms', 'vi', 'th', 'hi', 'ga', 'eo'].map((l) => [l, curly])),
  ...Object.fromEntries(['de', 'cs', 'sk', 'sl', 'is', 'lt'].map((l) => [l, lowHigh])),
  ...Object.fromEntries(['ru', 'uk', 'be'].map((l) => [l, guillemets])),
};

/** The marks for a BCP 47 tag, if its language has them listed. */
export function quoteMarksFor(language: string): QuoteMarks | undefined {
  return marksByLanguage[language.toLowerCase().split('-')[0] ?? ''];
}

const apostrophe = '\u2019';
// Stands for code, math, images and notes inside a run of prose: a word character, typically Latin.
const opaque = '\uFFFC';
const latin = /[\p{Script=Latin}\uFFFC]/u;
const cjk = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
// After these a quote opens: the start of a clause, a bracket, a dash, a slash or another opening mark.
const opensAfter = /^$|[\s([{<\-\u2013\u2014/\u2018\u201A\u201C\u201E\u00AB\uFF08\u300C\u300E\u3010\u3008\u300A\u3014\uFF5B]/u;
// Before these a quote cannot open: it closes what came before.
const closesBefore = /^$|[\s.,;:!?)\]}\u2026\u3001\u3002\uFF0C\uFF0E\uFF01\uFF1F\uFF09\u300D\u300F\u3011\u3009\u300B]/u;

/** Options: the book's language (BCP 47). */
export interface QuotesOptions {
  language: string;
}

/** The unified plugin. */
export default function remarkQuotes(options: QuotesOptions) {
  const marks = quoteMarksFor(options.language);
  return (tree: Root): void => {
    if (!marks) return;
    visit(tree, (node) => {
      if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return undefined;
      const parts: { node?: Text; text: string }[] = [];
      flatten(node.children, parts);
      const converted = convertQuotes(parts.map((p) => p.text).join(''), marks);
      let offset = 0;
      for (const part of parts) {
        if (part.node) part.node.value = converted.slice(offset, offset + part.text.length);
        offset += part.text.length;
      }
      return SKIP;
    });
  };
}

/** The text of a paragraph's inline content in order, with one opaque character for each thing that is not prose. */
function flatten(nodes: PhrasingContent[], parts: { node?: Text; text: string }[]): void {
  for (const node of nodes) {
    if (node.type === 'text') parts.push({ node, text: node.value });
    else if (node.type === 'break') parts.push({ text: '\n' });
    // Raw HTML is markup: its text and attributes are the author's, and it takes no room in the prose.
    else if (node.type === 'html') continue;
    else if ('children' in node && !isAddress(node)) flatten(node.children, parts);
    else parts.push({ text: opaque });
  }
}

/** Whether a link shows its own address (an autolink, a written-out URL): its text is not prose. */
function isAddress(node: Nodes): boolean {
  if (node.type !== 'link') return false;
  const text = toString(node).trim();
  return text === node.url || node.url === `mailto:${text}` || /^(https?:\/\/|www\.)\S+$/.test(text);
}

/**
 * `text` with its straight quotes made typographic. A quote opens after a space, a bracket or
 * the start, or right after CJK text (which has no spaces before quotes) when none is open; it
 * closes what is open, or stands alone as a closing mark after a word (its opening was in code or
 * an earlier paragraph). Inch and foot marks after digits stay straight.
 */
export function convertQuotes(text: string, marks: QuoteMarks): string {
  let out = '';
  const open = { double: false, single: false };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '"' && c !== "'") {
      out += c;
      continue;
    }
    const before = charBefore(out);
    const next = text.codePointAt(i + 1);
    const after = next === undefined ? '' : String.fromCodePoint(next);
    const canClose = before !== '' && !/\s/u.test(before);
    const canOpen = !closesBefore.test(after);
    const kind = c === '"' ? 'double' : 'single';
    const [opening, closing] = marks[kind];
    if (kind === 'single' && latin.test(before) && latin.test(after)) out += apostrophe;
    else if (kind === 'single' && opensAfter.test(before) && /^\d\d(?!\d)/.test(text.slice(i + 1))) out += apostrophe;
    else if (open[kind] && canClose) {
      out += closing;
      open[kind] = false;
    } else if (canOpen && (opensAfter.test(before) || (!open[kind] && cjk.test(before)))) {
      out += opening;
      open[kind] = true;
    } else if (kind === 'double' && canClose && !/\p{Nd}/u.test(before)) out += closing;
    else if (kind === 'single' && latin.test(before)) out += apostrophe;
    else out += c;
  }
  return out;
}

/** The last character (code point) of `text`, or '' when it is empty. */
function charBefore(text: string): string {
  const last = text.codePointAt(text.length - 1);
  if (last === undefined) return '';
  // A trailing low surrogate: the character is the pair.
  return last >= 0xdc00 && last <= 0xdfff ? text.slice(-2) : text.slice(-1);
}

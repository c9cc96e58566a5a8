/**
 * Metadata for the fields book.yaml does not give, found where books of other tools keep it,
 * first found wins, field by field: mdBook's book.toml, GitBook's book.json, the first chapter's
 * front matter (a Jekyll page's `title`, `author`, `lang`), the language read from the text, and
 * the title of the first H1. Each value comes with where it was found, so the author can be told
 * once and shown the book.yaml line that would pin it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { detectLanguage } from './detect-language.js';
import type { BookLayout } from './layout.js';

/** The fields that can be found outside book.yaml. */
export type InferredField = 'title' | 'author' | 'language' | 'description' | 'date' | 'isbn' | 'repository';

/** A value found outside book.yaml, and where: a file relative to the book root, or a phrase. */
export interface Found {
  value: string | string[];
  from: string;
}

export type Inferred = Partial<Record<InferredField, Found>>;

/** How much of the chapters' text the language is read from: enough for any book, quick for a big one. */
const LANGUAGE_SAMPLE_BYTES = 2 * 1024 * 1024;

/** A text value, trimmed; anything else (or an empty text) is no value. */
function text(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Names as a list: one name, or a list of names. */
function names(value: unknown): string[] | undefined {
  const list = (Array.isArray(value) ? value : [value]).map(text).filter((n): n is string => n !== undefined);
  return list.length ? list : undefined;
}

/** A nested value of parsed settings (`output.html.git-repository-url`). */
function dig(data: Record<string, unknown>, ...keys: string[]): unknown {
  let value: unknown = data;
  for (const key of keys) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** The first chapter's front matter, when it has a mapping of it. */
function frontMatter(markdown: string): Record<string, unknown> {
  const block = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(markdown);
  if (!block) return {};
  const doc = parseDocument(block[1] as string);
  const value: unknown = doc.errors.length ? undefined : doc.toJS();
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The text of the first H1 outside code (ATX `# Title` form). */
function firstHeading(markdown: string): string | undefined {
  let fence: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const marker = /^\s{0,3}(```|~~~)/.exec(line)?.[1];
    if (marker) fence = fence === marker ? undefined : (fence ?? marker);
    else if (!fence) {
      const heading = /^\s{0,3}#[ \t]+(.+?)[ \t#]*$/.exec(line)?.[1];
      if (heading) return heading.replace(/[*_`]/g, '').trim();
    }
  }
  return undefined;
}

/** Reads a chapter file as text; one that cannot be read counts as empty (the manuscript stage reports it). */
function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Metadata found outside book.yaml for the `wanted` fields of the book laid out as `layout`, whose
 * chapter files (read only when needed: the dev server loads the configuration on every save) are
 * `chapterFiles` in reading order.
 */
export function inferMetadata(layout: BookLayout, chapterFiles: () => string[], wanted: readonly InferredField[]): Inferred {
  const found: Inferred = {};
  /** Keeps a value for a wanted field that has none yet. */
  const offer = (field: InferredField, value: string | string[] | undefined, from: string): void => {
    if (value !== undefined && !found[field] && wanted.includes(field)) found[field] = { value, from };
  };
  /** Whether a wanted field is still missing. */
  const lacking = (...fields: InferredField[]): boolean => fields.some((f) => wanted.includes(f) && !found[f]);
  if (layout.bookToml) {
    const { data, file } = layout.bookToml;
    const from = path.relative(layout.root, file);
    offer('title', text(dig(data, 'book', 'title')), from);
    offer('author', names(dig(data, 'book', 'authors')), from);
    offer('language', text(dig(data, 'book', 'language')), from);
    offer('description', text(dig(data, 'book', 'description')), from);
    offer('repository', text(dig(data, 'output', 'html', 'git-repository-url')), from);
  }
  if (layout.bookJson) {
    const { data, file } = layout.bookJson;
    const from = path.relative(layout.root, file);
    offer('title', text(data.title), from);
    offer('author', names(data.author), from);
    offer('language', text(data.language), from);
    offer('description', text(data.description), from);
    offer('isbn', text(data.isbn), from);
    offer('repository', text(dig(data, 'pluginsConfig', 'github', 'url')), from);
  }
  if (!lacking('title', 'author', 'language', 'description', 'date')) return found;
  const files = chapterFiles();
  const [first] = files;
  const firstText = first ? read(first) : '';
  if (first) {
    const matter = frontMatter(firstText);
    const from = `the front matter of ${path.relative(layout.root, first)}`;
    offer('title', text(matter.title), from);
    offer('author', names(matter.author ?? matter.authors), from);
    offer('language', text(matter.lang ?? matter.language), from);
    offer('description', text(matter.description), from);
    offer('date', text(matter.date)?.slice(0, 10), from);
  }
  if (lacking('language')) {
    let sample = '';
    for (const file of files) {
      if (sample.length >= LANGUAGE_SAMPLE_BYTES) break;
      sample += `${read(file)}\n`;
    }
    offer('language', detectLanguage(sample), 'the text');
  }
  if (first) offer('title', firstHeading(firstText), `the first heading of ${path.relative(layout.root, first)}`);
  return found;
}

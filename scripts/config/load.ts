/**
 * Loads `manuscript/book.yaml`, validates it against the schema and resolves it into one fully
 * defaulted `BookConfig`. Nothing downstream reads the metadata file or applies defaults again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { BuildError, type Diagnostics } from '../diagnostics.js';
import { labelKeys, labelsFor, type Labels } from './labels.js';
import { bookSchema, type BookFile } from './schema.js';
import { resolvePrint, type PrintConfig } from './print.js';

export interface Accessibility {
  summary: string;
  accessMode: string[];
  accessModeSufficient: string[];
  features: string[];
  hazards: string[];
}

/** Everything the stages need to know about the book, with every default applied. */
export interface BookConfig {
  root: string;
  manuscriptDir: string;
  assetsDir: string;
  stylesDir: string;
  distDir: string;
  cacheDir: string;
  /** Absolute path of the metadata file, when the book has one. */
  metadataFile?: string;
  title: string;
  subtitle?: string;
  authors: string[];
  language: string;
  identifier: string;
  publisher?: string;
  rights?: string;
  date?: string;
  /** The time stamped into outputs: SOURCE_DATE_EPOCH, else the metadata date, else a fixed epoch. */
  modified: Date;
  description?: string;
  subjects: string[];
  isbn?: string;
  /** Absolute path of the cover image, when the metadata names one. */
  cover?: string;
  /** Output file name without extension. */
  output: string;
  /** Chapter files in reading order, when the metadata lists them (relative to `manuscript/`). */
  chapters?: string[];
  labels: Labels;
  accessibility: Accessibility;
  print: PrintConfig;
}

const metadataNames = ['book.yaml', 'book.yml'];

/** Reads and resolves the configuration of the book rooted at `root`. */
export function loadConfig(root: string, diagnostics: Diagnostics): BookConfig {
  const manuscriptDir = path.join(root, 'manuscript');
  if (!existsSync(manuscriptDir)) {
    throw new BuildError(`${root} is not a book folder: it has no manuscript/ folder`);
  }
  const metadataFile = metadataNames.map((n) => path.join(manuscriptDir, n)).find((f) => existsSync(f));
  const file = metadataFile ? readMetadata(metadataFile, root, diagnostics) : defaultMetadata(root, diagnostics);
  return resolve(root, file, metadataFile, diagnostics);
}

/** Parses and validates the metadata file; problems become errors with file:line. */
function readMetadata(file: string, root: string, diagnostics: Diagnostics): BookFile {
  const rel = path.relative(root, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      diagnostics.error(`invalid YAML: ${e.message.split('\n')[0]}`, rel, pos.line, pos.col);
    }
    throw new BuildError(`${rel} is not valid YAML`);
  }
  const result = v.safeParse(bookSchema, doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.issues) {
      const keyPath = (issue.path ?? []).map((p) => p.key as string | number);
      const node = keyPath.length ? doc.getIn(keyPath, true) : undefined;
      const offset = isNode(node) && node.range ? node.range[0] : undefined;
      const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
      const name = keyPath.join('.') || '(file)';
      diagnostics.error(`${name}: ${describeIssue(issue)}`, rel, pos?.line, pos?.col);
    }
    throw new BuildError(`${rel} does not describe a valid book (see the errors above)`);
  }
  for (const key of Object.keys(result.output.labels ?? {})) {
    if (!labelKeys.includes(key)) diagnostics.warn(`labels.${key} is not a label this tool uses (known: ${labelKeys.join(', ')})`, rel);
  }
  return result.output;
}

/** A schema issue as a sentence: unknown keys and missing keys read better than valibot's default. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.expected === 'never') return 'is not a known field';
  if (issue.received === 'undefined') return 'is required';
  return issue.message.replace(/^Invalid (type|key|format): /, '');
}

/** Metadata for a folder without a metadata file: enough to build, with a warning. */
function defaultMetadata(root: string, diagnostics: Diagnostics): BookFile {
  const name = path.basename(path.resolve(root));
  diagnostics.warn('no manuscript/book.yaml: using the folder name as title, "Unknown" as author and English as language', 'manuscript');
  return { title: name, author: 'Unknown', language: 'en', identifier: `urn:uuid:${uuidFrom(name)}` };
}

/** Applies every default and turns relative paths into absolute ones. */
function resolve(root: string, file: BookFile, metadataFile: string | undefined, diagnostics: Diagnostics): BookConfig {
  const manuscriptDir = path.join(root, 'manuscript');
  const config: BookConfig = {
    root,
    manuscriptDir,
    assetsDir: path.join(root, 'assets'),
    stylesDir: path.join(root, 'styles'),
    distDir: path.join(root, 'dist'),
    cacheDir: path.join(root, '.cache'),
    title: file.title,
    authors: Array.isArray(file.author) ? file.author : [file.author],
    language: file.language,
    identifier: file.identifier ?? derivedIdentifier(file, metadataFile ? path.relative(root, metadataFile) : 'manuscript', diagnostics),
    modified: modifiedDate(file.date),
    subjects: file.subjects ?? [],
    output: file.output ?? outputName(root),
    labels: labelsFor(file.language, file.labels),
    accessibility: {
      summary:
        file.accessibility?.summary ??
        'This publication conforms to no formal accessibility standard yet: text is reflowable, headings are structured, and images have text alternatives where the author gave them.',
      accessMode: file.accessibility?.accessMode ?? ['textual', 'visual'],
      accessModeSufficient: file.accessibility?.accessModeSufficient ?? ['textual'],
      features: file.accessibility?.features ?? ['structuralNavigation', 'tableOfContents', 'readingOrder', 'alternativeText'],
      hazards: file.accessibility?.hazards ?? ['none'],
    },
    print: resolvePrint(file.print ?? {}),
  };
  if (metadataFile) config.metadataFile = metadataFile;
  if (file.subtitle) config.subtitle = file.subtitle;
  if (file.publisher) config.publisher = file.publisher;
  if (file.rights) config.rights = file.rights;
  if (file.date) config.date = file.date;
  if (file.description) config.description = file.description;
  if (file.isbn) config.isbn = file.isbn.replace(/[- ]/g, '');
  if (file.chapters) config.chapters = file.chapters;
  if (file.cover) {
    const cover = path.resolve(root, file.cover);
    if (!cover.startsWith(path.resolve(root) + path.sep)) {
      diagnostics.error(`cover: ${file.cover} is outside the book folder`, rel(root, metadataFile));
    } else if (!existsSync(cover)) {
      diagnostics.error(`cover: ${file.cover} does not exist`, rel(root, metadataFile));
    } else {
      config.cover = cover;
    }
  }
  return config;
}

/** A path relative to the root, for messages. */
function rel(root: string, file: string | undefined): string | undefined {
  return file && path.relative(root, file);
}

/** SOURCE_DATE_EPOCH wins (reproducible-builds.org), then the metadata date, then 2000-01-01. */
function modifiedDate(date: string | undefined): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  if (date) return new Date(`${date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date}T00:00:00Z`);
  return new Date('2000-01-01T00:00:00Z');
}

/** An ASCII file name for the outputs, from the book folder's name. */
function outputName(root: string): string {
  const slug = path.basename(path.resolve(root)).normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'book';
}

/**
 * The identifier of a book whose metadata names none: its ISBN as a URN, else a UUID derived from
 * title and authors, so that rebuilds keep it and readers do not see a new book each time.
 */
function derivedIdentifier(file: BookFile, rel: string, diagnostics: Diagnostics): string {
  const isbn = file.isbn?.replace(/[- ]/g, '');
  const identifier = isbn ? `urn:isbn:${isbn}` : `urn:uuid:${uuidFrom([file.title, ...[file.author].flat()].join('\n'))}`;
  diagnostics.warn(`identifier: not set; using ${identifier}${isbn ? ' from the ISBN' : ', derived from the title and authors'} (set one before publishing)`, rel);
  return identifier;
}

/** A stable UUID (version 4 layout) derived from text, for books without an identifier. */
export function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Loads `manuscript/book.yaml`, validates it against the schema and resolves it into one fully
 * defaulted `BookConfig`. Nothing downstream reads the metadata file or applies defaults again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { LineCounter, parseDocument, isMap, isNode, isScalar, isSeq, type Document } from 'yaml';
import { BuildError, type Diagnostics } from '../diagnostics.js';
import { isInside } from '../paths.js';
import { labelKeys, labelsFor, type Labels } from './labels.js';
import { listSources } from '../manuscript/sources.js';
import { titleFromFileName } from '../manuscript/parse.js';
import { inferMetadata } from './infer.js';
import { normalizeLanguageTag } from './language.js';
import { resolveLayout, type BookLayout } from './layout.js';
import { resolvePlugins, type PluginSpec } from './plugins.js';
import { bookSchema, type BookFile } from './schema.js';
import { resolvePrint, type PrintConfig } from './print.js';

export interface Accessibility {
  summary: string;
  accessMode: string[];
  accessModeSufficient: string[];
  features: string[];
  hazards: string[];
  /** The EPUB Accessibility conformance claim; false: never claim one. */
  conformsTo?: string | false;
  /** Who certified the claim, as book.yaml names them. */
  certifiedBy?: string | { name: string; credential?: string | undefined };
}

/** A person of the book as the EPUB's metadata names them: MARC relator role, Latin-letter and sorting forms. */
export interface Person {
  name: string;
  role: string;
  latin?: string;
  fileAs?: string;
}

/** A subject: free text, or a heading of a scheme stores classify by, with its code. */
export interface Subject {
  name: string;
  scheme?: 'BISAC' | 'THEMA';
  code?: string;
}

/** Everything the stages need to know about the book, with every default applied. */
export interface BookConfig {
  root: string;
  /** Where the book's files are: chapters, metadata, assets, styles, outputs, cache. */
  layout: BookLayout;
  title: string;
  subtitle?: string;
  /** The title as sorted in lists, when the metadata gives one. */
  titleFileAs?: string;
  /** The authors' names as shown. */
  authors: string[];
  /** The authors (role aut), then the contributors, with what the EPUB's metadata says of each. */
  people: Person[];
  series?: { name: string; position?: string };
  language: string;
  identifier: string;
  publisher?: string;
  rights?: string;
  /** The edition as the copyright page prints it. */
  edition?: string;
  date?: string;
  /** The time stamped into outputs: SOURCE_DATE_EPOCH, else the metadata date, else a fixed epoch. */
  modified: Date;
  description?: string;
  subjects: Subject[];
  isbn?: string;
  /** The ISBN's ONIX code list 5 type, which the EPUB states: 02 for an ISBN-10, 15 for an ISBN-13. */
  isbnType?: '02' | '15';
  /** Absolute path of the cover image, when the metadata names one. */
  cover?: string;
  /** Output file name without extension. */
  output: string;
  /** Chapter files in reading order, when the metadata lists them (relative to `manuscript/`), with their lines. */
  chapters?: ListedChapter[];
  labels: Labels;
  /** The language was read from the chapters' text, not given by the author (the EPUB then claims no accessibility conformance). */
  languageGuessed?: boolean;
  /** The author's explicit accessibility metadata (outputs/epub/accessibility.ts completes it). */
  accessibility: Partial<Accessibility>;
  print: PrintConfig;
  /** The book's own unified plugins, resolved (imported by `importPlugins` when a build needs them). */
  plugins: PluginSpec[];
  toc: TocConfig;
  /** Images' titles and `Table:` lines become numbered captions (manuscript/captions.ts). */
  captions: boolean;
  /** Where the PDF prints footnotes (outputs/pdf/page-notes.ts); the EPUB always keeps pop-up notes. */
  footnotes: 'page' | 'end';
  /** EPUB-only settings. */
  epub: { keepTransparency: boolean };
  /** An EPUB-only build lays the print pages out (without writing the PDF) when none are cached, for its page-list. */
  pageList: boolean;
  /** The web address of the book's repository, where links to its files that are not chapters lead (config/repository.ts). */
  repository?: string;
}

/** How deep the contents go, as heading levels: 1 lists chapters, 2 their h2 sections too, 3 their h3 sections too. */
export interface TocConfig {
  /** The EPUB's nav and NCX, the PDF's bookmarks, the preview's contents page. */
  depth: number;
  /** The printed contents; undefined: chosen from the book's length (outputs/toc.ts, `printedTocDepth`). */
  printDepth?: number;
}

/** The line and column where a key path of the metadata file was written, or nothing. */
type Locate = (keyPath: (string | number)[]) => [] | [line: number, column: number];

/** Metadata with the fields every book has, wherever they were found. */
type CompleteBookFile = BookFile & { title: string; author: NonNullable<BookFile['author']>; language: string; languageGuessed: boolean };

/** An author as book.yaml writes them: a name, or a name with its other forms. */
type WrittenAuthor = Exclude<CompleteBookFile['author'], unknown[]>;

/** The validated metadata, with where each of book.yaml's keys was written. */
interface Metadata {
  file: CompleteBookFile;
  locate: Locate;
}

/** Reads and resolves the configuration of the book at `root` (a folder or one Markdown file; its layout found first). */
export function loadConfig(root: string | BookLayout, diagnostics: Diagnostics): BookConfig {
  const layout = typeof root === 'string' ? resolveLayout(root) : root;
  const own = layout.metadataFile ? readMetadata(layout.metadataFile, layout.root, diagnostics) : { file: {}, locate: () => [] as [] };
  const file = completeMetadata(own.file, layout, diagnostics);
  return resolve(layout, { file, locate: own.locate }, diagnostics);
}

/**
 * Fills the fields book.yaml leaves out from where other tools keep them (config/infer.ts), and
 * says once for each where it came from and the book.yaml line that would pin it.
 */
function completeMetadata(file: BookFile, layout: BookLayout, diagnostics: Diagnostics): CompleteBookFile {
  const missing = inferable.filter((field) => file[field] === undefined);
  const inferred = missing.length ? inferMetadata(layout, () => chapterFiles(layout, file), missing) : {};
  const complete: BookFile = { ...file };
  for (const field of missing) {
    const found = inferred[field];
    if (!found) continue;
    const value = field === 'language' ? normalizeLanguageTag(String(found.value)) : found.value;
    const checked = v.safeParse(bookSchema.entries[field], value);
    const where = found.from.includes('/') || found.from.includes('.') ? found.from.replace(/^.* of /, '') : undefined;
    if (!checked.success) {
      diagnostics.warn(`${field} "${String(value)}" from ${found.from} is not used: it ${describeIssue(checked.issues[0])}`, where, undefined, undefined, 'metadata');
      continue;
    }
    (complete as Record<string, unknown>)[field] = checked.output;
    diagnostics.info(`${field} ${JSON.stringify(value)} from ${found.from}; to pin it, write in book.yaml: ${field}: ${yamlValue(value)}`, where, undefined, undefined, 'metadata');
  }
  const title = complete.title ?? titleFromFolder(layout);
  if (!complete.title) diagnostics.info(`title ${JSON.stringify(title)} from the folder name; to pin it, write in book.yaml: title: ${title}`, undefined, undefined, undefined, 'metadata');
  if (!complete.author) diagnostics.warn('author: not found in book.yaml, book.toml, book.json or the front matter; "Unknown" is used (write author: in book.yaml)', undefined, undefined, undefined, 'metadata');
  // Read from the text (config/detect-language.ts) or defaulted: the tool's guess, not the author's word.
  const languageGuessed = complete.language === undefined || inferred.language?.from === 'the text';
  return { ...complete, title, author: complete.author ?? 'Unknown', language: complete.language ?? 'en', languageGuessed };
}

/** The fields other tools' metadata or the chapters can give. */
const inferable = ['title', 'author', 'language', 'description', 'date', 'isbn', 'repository'] as const;

/** The chapter files in reading order, for what the first says and the language they are written in. */
function chapterFiles(layout: BookLayout, file: BookFile): string[] {
  if (layout.only) return [layout.only];
  const chapters = file.chapters?.map((c) => ({ path: c }));
  return listSources(layout.chaptersDir, chapters, layout.metadataFile).sources.map((s) => s.file);
}

/** A value as it would be written in book.yaml. */
function yamlValue(value: string | string[]): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : value;
}

/** The book's folder name (or a single file's name) as a last-resort title. */
function titleFromFolder(layout: BookLayout): string {
  return layout.only ? titleFromFileName(layout.only) : path.basename(layout.root);
}

/** Parses and validates the metadata file; problems become errors with file:line. */
function readMetadata(file: string, root: string, diagnostics: Diagnostics): { file: BookFile; locate: Locate } {
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
  const invalid = new BuildError(`${rel} does not describe a valid book (see the errors above)`);
  const at = (node: unknown): ReturnType<Locate> => {
    if (!isNode(node) || !node.range) return [];
    const pos = lineCounter.linePos(node.range[0]);
    return [pos.line, pos.col];
  };
  const locate: Locate = (keyPath) => (keyPath.length ? at(doc.getIn(keyPath, true)) : []);
  // Without this, a list reads as fields named 0, 1, ... that are all unknown.
  if (doc.contents && !isMap(doc.contents)) {
    diagnostics.error(`${path.basename(file)} must be a mapping of fields (title: …, author: …), not ${isSeq(doc.contents) ? 'a list' : 'a single value'}`, rel, ...at(doc.contents));
    throw invalid;
  }
  textAsWritten(doc);
  const result = v.safeParse(bookSchema, doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.issues) {
      const keyPath = (issue.path ?? []).map((p) => p.key as string | number);
      diagnostics.error(`${keyPath.join('.') || '(file)'}: ${describeIssue(issue)}`, rel, ...locate(keyPath));
    }
    throw invalid;
  }
  for (const key of Object.keys(result.output.labels ?? {})) {
    if (!labelKeys.includes(key)) diagnostics.warn(`labels.${key} is not a label this tool uses (known: ${labelKeys.join(', ')})`, rel);
  }
  return { file: result.output, locate };
}

/** A chapter the metadata lists, with the line it is written on (for problems with it). */
export interface ListedChapter {
  path: string;
  line?: number;
  column?: number;
}

/** A listed chapter with its place, leaving out what is unknown. */
function listed(written: string, [line, column]: (number | undefined)[]): ListedChapter {
  const chapter: ListedChapter = { path: written };
  if (line) chapter.line = line;
  if (column) chapter.column = column;
  return chapter;
}

/** Fields that are text even when they look like numbers (`title: 1984`, `isbn: 0306406152`, `date: 2021`). */
const textFields = ['title', 'subtitle', 'author', 'identifier', 'publisher', 'rights', 'edition', 'date', 'description', 'isbn'];

/** Keeps unquoted numbers in text fields as written: YAML reads them as numbers, which drops an ISBN-10's leading 0. */
function textAsWritten(doc: Document): void {
  for (const key of textFields) {
    const node = doc.get(key, true);
    if (isScalar(node) && typeof node.value === 'number' && node.source) node.value = node.source;
  }
}

/** A schema issue as a sentence: unknown keys and missing keys read better than valibot's default. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.expected === 'never') return 'is not a known field';
  if (issue.received === 'undefined') return 'is required';
  return issue.message.replace(/^Invalid (type|key|format): /, '');
}

/** Applies every default and turns relative paths into absolute ones. */
function resolve(layout: BookLayout, { file, locate }: Metadata, diagnostics: Diagnostics): BookConfig {
  const { root, metadataFile } = layout;
  const config: BookConfig = {
    root,
    layout,
    title: file.title,
    authors: authorList(file.author).map((a) => (typeof a === 'string' ? a : a.name)),
    people: [...authorList(file.author).map((a) => person(typeof a === 'string' ? { name: a } : a, 'aut')), ...(file.contributors ?? []).map((c) => person(c, c.role))],
    language: file.language,
    identifier: file.identifier ?? derivedIdentifier(file, metadataFile && path.relative(root, metadataFile), diagnostics),
    modified: modifiedDate(file.date),
    subjects: (file.subjects ?? []).map((s) => (typeof s === 'string' ? { name: s } : { name: s.name ?? s.code, scheme: s.scheme, code: s.code })),
    output: file.output ?? outputName(layout.only ? path.basename(layout.only).replace(/\.(md|markdown)$/i, '') : path.basename(root)),
    labels: labelsFor(file.language, file.labels),
    // Only what the author set: the EPUB fills in the rest from what the chapters hold.
    accessibility: { ...file.accessibility },
    print: resolvePrint(file.print ?? {}),
    toc: { depth: file.toc?.depth ?? 3 },
    captions: file.captions ?? true,
    footnotes: file.footnotes ?? 'page',
    epub: { keepTransparency: file.epub?.keepTransparency ?? false },
    pageList: file.pageList ?? false,
    plugins: resolvePlugins(file, root, locate, (message, where) => diagnostics.error(message, rel(root, metadataFile), ...where)),
  };
  // A depth the author wrote holds for the printed contents too, unless printDepth says otherwise.
  const printDepth = file.toc?.printDepth ?? file.toc?.depth;
  if (printDepth !== undefined) config.toc.printDepth = printDepth;
  if (file.repository) config.repository = file.repository.replace(/\/+$/, '');
  if (file.languageGuessed) config.languageGuessed = true;
  if (file.subtitle) config.subtitle = file.subtitle;
  if (file.titleFileAs) config.titleFileAs = file.titleFileAs;
  if (file.series) config.series = file.series.position === undefined ? { name: file.series.name } : { name: file.series.name, position: file.series.position };
  if (file.publisher) config.publisher = file.publisher;
  if (file.rights) config.rights = file.rights;
  if (file.edition) config.edition = file.edition;
  if (file.date) config.date = file.date;
  if (file.description) config.description = file.description;
  if (file.isbn) {
    config.isbn = compactIsbn(file.isbn);
    config.isbnType = config.isbn.length === 10 ? '02' : '15';
  }
  if (file.chapters) config.chapters = file.chapters.map((written, i) => listed(written, locate(['chapters', i])));
  else if (layout.only) config.chapters = [{ path: path.basename(layout.only) }];
  if (file.cover) {
    const cover = path.resolve(root, file.cover);
    if (!isInside(root, cover)) {
      diagnostics.error(`cover: ${file.cover} is outside the book folder`, rel(root, metadataFile), ...locate(['cover']));
    } else if (!existsSync(cover)) {
      diagnostics.error(`cover: ${file.cover} does not exist`, rel(root, metadataFile), ...locate(['cover']));
    } else {
      config.cover = cover;
    }
  } else {
    // GitBook's convention: a cover image at the book's root is the cover when book.yaml names none.
    const found = rootCovers.map((name) => path.join(root, name)).find((file) => existsSync(file));
    if (found) {
      config.cover = found;
      diagnostics.info(`cover: ${path.basename(found)} at the book's root is the cover; to pin it, write in book.yaml: cover: ${path.basename(found)}`, undefined, undefined, undefined, 'metadata');
    }
  }
  return config;
}

/** The cover images a book's root may hold, in order of preference. */
const rootCovers = ['cover.jpg', 'cover.jpeg', 'cover.png'];

/** The authors book.yaml names, as a list. */
function authorList(author: CompleteBookFile['author']): WrittenAuthor[] {
  return Array.isArray(author) ? author : [author];
}

/** A person with a `role`, from a name with its optional Latin-letter and sorting forms. */
function person(written: { name: string; latin?: string | undefined; 'file-as'?: string | undefined }, role: string): Person {
  const p: Person = { name: written.name, role };
  if (written.latin) p.latin = written.latin;
  if (written['file-as']) p.fileAs = written['file-as'];
  return p;
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

/** An ASCII file name for the outputs, from the book folder's name (or a single-file book's name). */
function outputName(name: string): string {
  const slug = name.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'book';
}

/**
 * The identifier of a book whose metadata names none: its ISBN as a URN, else a UUID derived from
 * title and authors, so that rebuilds keep it and readers do not see a new book each time.
 */
function derivedIdentifier(file: CompleteBookFile, rel: string | undefined, diagnostics: Diagnostics): string {
  const isbn = file.isbn && compactIsbn(file.isbn);
  const identifier = isbn ? `urn:isbn:${isbn}` : `urn:uuid:${uuidFrom([file.title, ...authorList(file.author).map((a) => (typeof a === 'string' ? a : a.name))].join('\n'))}`;
  // The ISBN identifies the book as well as an identifier would: the tool only says what it chose.
  if (isbn) diagnostics.info(`identifier: not set; using ${identifier} from the ISBN (set identifier to use another)`, rel, undefined, undefined, 'identifier-from-isbn');
  else diagnostics.warn(`identifier: not set; using ${identifier}, derived from the title and authors (set identifier or isbn before publishing)`, rel, undefined, undefined, 'missing-identifier');
  return identifier;
}

/** An ISBN without hyphens or spaces, with an ISBN-10's check digit X in capitals. */
function compactIsbn(isbn: string): string {
  return isbn.replace(/[- ]/g, '').toUpperCase();
}

/** A stable UUID (version 4 layout) derived from text, for books without an identifier. */
export function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The schema of the book's metadata file (`manuscript/book.yaml`). Only this file knows the
 * accepted shapes; `load.ts` turns a validated file into the fully defaulted `BookConfig`.
 */
import * as v from 'valibot';
import { textBlockProblems, toMm, type PrintProblem } from './print.js';

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const lengthPattern = /^\d+(\.\d+)?(mm|cm|in|pt|px)$/;
const length = v.union(
  [v.pipe(v.string(), v.regex(lengthPattern, 'must be a length such as 20mm, 0.75in or 12pt')), v.literal(0)],
  'must be a length such as 20mm, 0.75in or 12pt',
);

const datePattern = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const date = v.pipe(
  v.string(),
  v.regex(datePattern, 'must be a date such as 2021-04-29'),
  // Valibot checks a date that failed the pattern too; the pattern's message says enough then.
  v.check((d) => !datePattern.test(d) || dateExists(d), (issue) => `must be a date that exists: there is no ${String(issue.input)}`),
);

/** Whether a YYYY, YYYY-MM or YYYY-MM-DD date names a real day: no month 13, no 30 February. */
function dateExists(text: string): boolean {
  const [year = 0, month = 1, day = 1] = text.split('-').map(Number);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

// An ISBN-13 ends in a digit; only an ISBN-10's check digit can be X.
const isbnPattern = /^(97[89][- ]?(\d[- ]?){9}\d|(\d[- ]?){9}[\dXx])$/;
const isbn = v.pipe(
  v.string(),
  v.regex(isbnPattern, 'must be an ISBN-10 or ISBN-13'),
  v.check(
    (i) => !isbnPattern.test(i) || isbnCheckDigit(i) === i.slice(-1).toUpperCase(),
    (issue) => `the check digit is wrong: for its other digits ${String(issue.input)} would end in ${isbnCheckDigit(String(issue.input))}; look for a mistyped digit`,
  ),
);

/** The check digit an ISBN's other digits call for (ISO 2108): mod 10 for ISBN-13, mod 11 for ISBN-10. */
function isbnCheckDigit(text: string): string {
  const digits = text.replace(/[- ]/g, '').slice(0, -1).split('').map(Number);
  if (digits.length === 12) return String((10 - (digits.reduce((sum, d, i) => sum + d * (i % 2 ? 3 : 1), 0) % 10)) % 10);
  const check = (11 - (digits.reduce((sum, d, i) => sum + d * (10 - i), 0) % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** A length whose size in millimetres passes `test`, else `message`. */
function lengthWhere(test: (mm: number) => boolean, message: string) {
  // Valibot checks a string that failed the pattern too; the pattern's message says enough then.
  return v.pipe(length, v.check((l) => (typeof l === 'string' && !lengthPattern.test(l)) || test(toMm(l)), message));
}

// A metre is larger than any bound book: a bigger trim is a slipped unit or decimal point.
const trimSide = lengthWhere((mm) => mm > 0 && mm <= 1000, 'must be more than 0mm and at most 1000mm');

/** Print settings, all optional: the defaults give a 신국판 book. */
const printFields = v.strictObject({
  trim: v.optional(
    v.union(
      [
        v.picklist(['A5', 'B5', '신국판', 'shinguk', '6x9', 'US-trade'], 'must be A5, B5, 신국판 (152×225 mm), 6x9 or a {width, height} pair'),
        v.strictObject({ width: trimSide, height: trimSide }),
      ],
      'must be A5, B5, 신국판 (152×225 mm), 6x9 or a {width, height} pair',
    ),
  ),
  margins: v.optional(
    v.strictObject({
      top: v.optional(length),
      bottom: v.optional(length),
      inner: v.optional(length),
      outer: v.optional(length),
    }),
  ),
  // Printers ask for 3mm to 5mm; more than 20mm is a slipped unit, not a bleed.
  bleed: v.optional(lengthWhere((mm) => mm <= 20, 'must be at most 20mm (printers usually ask for 3mm)')),
  cropMarks: v.optional(v.boolean()),
  romanFrontMatter: v.optional(v.boolean()),
  fontSize: v.optional(lengthWhere((mm) => mm >= toMm('4pt') && mm <= toMm('72pt'), 'must be between 4pt and 72pt')),
  // Where an external link's address is printed when its text is something else (a reader of paper cannot click).
  linkAddresses: v.optional(v.picklist(['after', 'footnote', 'none'], "must be after (the address in parentheses after the link's text), footnote (a note in the chapter's notes) or none")),
  // Where a section nested under a chapter in SUMMARY.md starts: only chapters open on a right-hand page.
  sectionBreak: v.optional(v.picklist(['page', 'none'], 'must be page (each nested section on a new page) or none (it continues on the same page)')),
  // Where justified Korean text may break: between words (keep-all) or, as KLREQ also allows, between syllables.
  koreanLineBreak: v.optional(v.picklist(['word', 'syllable'], 'must be word (lines break between words) or syllable (justified text breaks between syllables)')),
});

/** Print settings whose margins leave room for text, the problems reported at the keys to blame. */
const printSchema = v.pipe(
  printFields,
  v.rawCheck<v.InferOutput<typeof printFields>>(({ dataset, addIssue }) => {
    // Only a print section whose every field is valid has a geometry to check (a length that fails
    // its pattern leaves the section typed, so the issues must be looked at too).
    if (!dataset.typed || dataset.issues) return;
    for (const problem of textBlockProblems(dataset.value)) addIssue({ message: problem.message, path: issuePath(dataset.value, problem.keys) });
  }),
);

/** Valibot's path to nested keys of `input`, which the loader turns into the line of the last key. */
function issuePath(input: Record<string, unknown>, keys: PrintProblem['keys']): [v.ObjectPathItem, ...v.ObjectPathItem[]] {
  let parent = input;
  const [first, ...rest] = keys.map((key) => {
    const item: v.ObjectPathItem = { type: 'object', origin: 'value', input: parent, key, value: parent[key] };
    parent = item.value as Record<string, unknown>;
    return item;
  });
  return [first as v.ObjectPathItem, ...rest];
}

/** The `dcterms:conformsTo` values of EPUB Accessibility 1.1 (the ones Ace by DAISY accepts). */
export const conformanceClaims = ['2.0', '2.1', '2.2'].flatMap((wcag) => ['A', 'AA', 'AAA'].map((level) => `EPUB Accessibility 1.1 - WCAG ${wcag} Level ${level}`));

/** Accessibility metadata that a publisher may override; by default the EPUB tells it from what the chapters hold. */
const accessibilitySchema = v.strictObject({
  summary: v.optional(nonEmpty),
  accessMode: v.optional(v.array(nonEmpty)),
  accessModeSufficient: v.optional(v.array(nonEmpty)),
  features: v.optional(v.array(nonEmpty)),
  hazards: v.optional(v.array(nonEmpty)),
  // The conformance claim EPUB Accessibility 1.1 defines; false never claims one. Unset, the EPUB
  // claims WCAG 2.2 AA when the book's own checks pass (outputs/epub/accessibility.ts).
  conformsTo: v.optional(v.union([v.picklist(conformanceClaims), v.literal(false)], `must be false or one of: ${conformanceClaims.join(', ')}`)),
  // Who tested and certified the claim: a name, or a name and the certifier's credential.
  certifiedBy: v.optional(v.union([nonEmpty, v.strictObject({ name: nonEmpty, credential: v.optional(nonEmpty) })], 'must be the certifier’s name, or {name, credential}')),
});

/** A plugin of the book's own: a module path (relative to the book folder) or package name, its options, the outputs it runs for. */
const pluginSchema = v.union(
  [
    nonEmpty,
    v.strictObject({
      use: nonEmpty,
      options: v.optional(v.unknown()),
      scope: v.optional(v.picklist(['all', 'epub', 'print', 'preview'], 'must be all, epub, print or preview')),
    }),
  ],
  'must be a module path or package name, or { use, options, scope }',
);

// Headings are collected down to h3 (manuscript/load.ts), so the contents can go no deeper.
const tocLevel = v.picklist([1, 2, 3], 'must be 1 (chapters only), 2 (and their h2 sections) or 3 (and their h3 sections)');

/** How deep the contents go: `depth` everywhere, `printDepth` for the printed contents alone. */
const tocSchema = v.strictObject({
  depth: v.optional(tocLevel),
  printDepth: v.optional(tocLevel),
});

/** The repository's web address (config/repository.ts says how a file's address is made from it). */
const repository = v.pipe(v.string(), v.trim(), v.regex(/^https?:\/\/[^/\s]+\/\S+$/, 'must be the web address of the repository, such as https://github.com/owner/name'));

/**
 * MARC relator codes (id.loc.gov/vocabulary/relators) stores and reading systems show for the
 * people of a book: a code outside this list is most likely a typo, and stores would drop it.
 */
export const marcRoles = {
  aut: 'author',
  trl: 'translator',
  edt: 'editor',
  ill: 'illustrator',
  aui: 'author of introduction',
  aft: 'author of afterword',
  ctb: 'contributor',
  pht: 'photographer',
  art: 'artist',
  cov: 'cover designer',
  bkd: 'book designer',
  nrt: 'narrator',
  com: 'compiler',
  pbd: 'publishing director',
  csl: 'consultant',
  adp: 'adapter',
} as const;

const roleCodes = Object.keys(marcRoles) as (keyof typeof marcRoles)[];
const role = v.picklist(roleCodes, `must be a MARC relator code: ${roleCodes.map((c) => `${c} (${marcRoles[c]})`).join(', ')}`);

/** A person's name as shown, with its Latin-letter form for international stores and its sorting form. */
const personFields = {
  name: nonEmpty,
  latin: v.optional(nonEmpty),
  'file-as': v.optional(nonEmpty),
};

const author = v.union([nonEmpty, v.strictObject(personFields)], 'must be a name or {name, latin, file-as}');

/** A subject as free text, or a code of a subject scheme stores classify by (with its heading as name). */
const subject = v.union(
  [
    nonEmpty,
    v.strictObject({
      code: nonEmpty,
      scheme: v.picklist(['BISAC', 'THEMA'], 'must be BISAC or THEMA'),
      name: v.optional(nonEmpty),
    }),
  ],
  'must be a subject, or {code, scheme: BISAC or THEMA, name}',
);

export const bookSchema = v.strictObject({
  // Title, author and language may come from elsewhere (book.toml, book.json, the chapters: config/infer.ts).
  title: v.optional(nonEmpty),
  subtitle: v.optional(nonEmpty),
  // The title as sorted in a store's or library's list ("Book, The"); the title itself when absent.
  titleFileAs: v.optional(nonEmpty),
  author: v.optional(v.union([author, v.pipe(v.array(author), v.minLength(1, 'must name at least one author'))], 'must be a name or a list of names')),
  contributors: v.optional(v.array(v.strictObject({ ...personFields, role }))),
  series: v.optional(
    v.strictObject({
      name: nonEmpty,
      position: v.optional(v.pipe(v.union([v.number(), v.string()]), v.transform(String), v.regex(/^\d+(\.\d+)?$/, 'must be a number such as 1 or 2.5'))),
    }),
  ),
  language: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as ko, en or pt-BR'))),
  // Readers and EPUBCheck check a UUID's form: a made-up `urn:uuid:1` is refused there.
  identifier: v.optional(
    v.pipe(
      nonEmpty,
      v.check((id) => !/^urn:uuid:/i.test(id) || /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id), 'must be a real UUID after urn:uuid: (8-4-4-4-12 hexadecimal digits)'),
    ),
  ),
  publisher: v.optional(nonEmpty),
  rights: v.optional(nonEmpty),
  // Free text as the book's copyright page prints it: "Second edition", "초판 1쇄".
  edition: v.optional(nonEmpty),
  date: v.optional(date),
  description: v.optional(nonEmpty),
  subjects: v.optional(v.array(subject)),
  isbn: v.optional(isbn),
  cover: v.optional(nonEmpty),
  output: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]+$/, 'must be a file name of letters, digits, dots, dashes or underscores'))),
  chapters: v.optional(v.array(nonEmpty)),
  labels: v.optional(v.record(v.string(), v.string())),
  accessibility: v.optional(accessibilitySchema),
  print: v.optional(printSchema),
  // As Astro names them: unified plugins run after the built-in ones.
  remarkPlugins: v.optional(v.array(pluginSchema)),
  rehypePlugins: v.optional(v.array(pluginSchema)),
  toc: v.optional(tocSchema),
  // Numbered captions ("그림 3-1") from images' titles and `Table:` lines; on unless set to false.
  captions: v.optional(v.boolean()),
  // Where the PDF prints footnotes: at the foot of the page that refers to them, or at the chapter's end.
  footnotes: v.optional(v.picklist(['page', 'end'], "must be page (at the foot of the page that refers to them) or end (at the chapter's end)")),
  // EPUB-only settings (outputs/epub/core-images.ts says why transparency is flattened by default).
  epub: v.optional(v.strictObject({ keepTransparency: v.optional(v.boolean()) })),
  // An EPUB-only build lays the print pages out for the page-list when no printed layout is cached.
  pageList: v.optional(v.boolean()),
  repository: v.optional(repository),
});

export type BookFile = v.InferOutput<typeof bookSchema>;

/**
 * The schema of the book's metadata file (`manuscript/book.yaml`). Only this file knows the
 * accepted shapes; `load.ts` turns a validated file into the fully defaulted `BookConfig`.
 */
import * as v from 'valibot';

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const length = v.union(
  [v.pipe(v.string(), v.regex(/^\d+(\.\d+)?(mm|cm|in|pt|px)$/, 'must be a length such as 20mm, 0.75in or 12pt')), v.literal(0)],
  'must be a length such as 20mm, 0.75in or 12pt',
);

/** Print settings, all optional: the defaults give a 신국판 book. */
const printSchema = v.strictObject({
  trim: v.optional(
    v.union(
      [
        v.picklist(['A5', 'B5', '신국판', 'shinguk', '6x9', 'US-trade'], 'must be A5, B5, 신국판 (152×225 mm), 6x9 or a {width, height} pair'),
        v.strictObject({ width: length, height: length }),
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
  bleed: v.optional(length),
  cropMarks: v.optional(v.boolean()),
  romanFrontMatter: v.optional(v.boolean()),
  fontSize: v.optional(length),
});

/** Accessibility metadata that a publisher may override; defaults suit a text book with images. */
const accessibilitySchema = v.strictObject({
  summary: v.optional(nonEmpty),
  accessMode: v.optional(v.array(nonEmpty)),
  accessModeSufficient: v.optional(v.array(nonEmpty)),
  features: v.optional(v.array(nonEmpty)),
  hazards: v.optional(v.array(nonEmpty)),
});

export const bookSchema = v.strictObject({
  title: nonEmpty,
  subtitle: v.optional(nonEmpty),
  author: v.union([nonEmpty, v.pipe(v.array(nonEmpty), v.minLength(1, 'must name at least one author'))], 'must be a name or a list of names'),
  language: v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as ko, en or pt-BR')),
  identifier: v.optional(nonEmpty),
  publisher: v.optional(nonEmpty),
  rights: v.optional(nonEmpty),
  date: v.optional(v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date such as 2021-04-29'))),
  description: v.optional(nonEmpty),
  subjects: v.optional(v.array(nonEmpty)),
  isbn: v.optional(v.pipe(v.string(), v.regex(/^(97[89][- ]?)?(\d[- ]?){9}[\dXx]$/, 'must be an ISBN-10 or ISBN-13'))),
  cover: v.optional(nonEmpty),
  output: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]+$/, 'must be a file name of letters, digits, dots, dashes or underscores'))),
  chapters: v.optional(v.array(nonEmpty)),
  labels: v.optional(v.record(v.string(), v.string())),
  accessibility: v.optional(accessibilitySchema),
  print: v.optional(printSchema),
});

export type BookFile = v.InferOutput<typeof bookSchema>;

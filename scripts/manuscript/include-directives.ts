/**
 * mdBook's directives, resolved in a chapter's text before it is parsed, as mdBook's `links`
 * preprocessor does: `{{#include file[:range|:anchor]}}`, `{{#rustdoc_include …}}` (the whole file,
 * the rest as hidden Rust lines), `{{#playground file attrs}}` (a Rust code block of the file) and
 * `{{#title text}}`. They are text, so they work inside code fences, where books use them most;
 * `\{{#…}}` is written as it is, without the backslash. Included text is expanded in turn,
 * relative to its own file, and never from outside the book.
 *
 * Problems point at the directive's line in the file that holds it. Every line of the expanded
 * text remembers the line of the chapter file it came from (the directive's, for included lines),
 * so that every later message about the chapter points at the chapter file.
 */
import path from 'node:path';
import type { Node, Point } from 'unist';
import { visit } from '../markdown/visit.js';
import { problem, type Diagnostic } from '../diagnostics.js';
import { isInside } from '../paths.js';
import type { Decoded } from './decode.js';
import { describeSelection, linesOf, parseSelection, takeLines, takeRustdocLines } from './line-selection.js';

/** Where a line of the expanded text was written in the chapter file. */
export interface Origin {
  line: number;
  /** The directive's column, for a line it brought in; undefined for the file's own lines, whose columns stand. */
  column?: number;
}

/** A chapter's text with its directives resolved. */
export interface Expanded {
  text: string;
  /** The origin of each line of `text` (index 0 is line 1); undefined when the text has no directive. */
  origins?: Origin[];
  /** The last `{{#title}}`, if any. */
  title?: string;
  /** Problems, each with the absolute path of the file whose directive it is about. */
  problems: Diagnostic[];
}

/** What expanding needs from outside: the folder includes may not leave, and how to read a file (it throws when it cannot). */
export interface ExpandOptions {
  root: string;
  read: (file: string) => Decoded;
}

// mdBook's pattern: an escaped directive, or `{{#type argument}}`. mdBook's escape runs to the
// last `}}` of its line, which leaves the backslash of a second one on that line: this one stops at the first.
const directive = /\\\{\{#.*?\}\}|\{\{\s*#([a-zA-Z0-9_]+)\s+([^}]+)\}\}/g;

/** A run of the expanded text: the file's own text, or what a directive became. */
interface Piece {
  text: string;
  /** The directive this piece replaces, with its line and column; absent for the file's own text. */
  from?: { written: string; line: number; column: number };
}

/** State shared by one expansion and the nested ones. */
interface Context extends ExpandOptions {
  title?: string;
  problems: Diagnostic[];
}

/** Resolves the directives of `text`, the content of the chapter file `file`. */
export function expandDirectives(text: string, file: string, options: ExpandOptions): Expanded {
  if (!text.includes('{{')) return { text, problems: [] };
  const context: Context = { ...options, problems: [] };
  const pieces = piecesOf(text, path.resolve(file), [path.resolve(file)], context);
  const expanded: Expanded = { text: pieces.map((p) => p.text).join(''), problems: context.problems };
  if (pieces.some((p) => p.from)) expanded.origins = originsOf(pieces);
  if (context.title !== undefined) expanded.title = context.title;
  return expanded;
}

/** The line of the chapter file each line of the joined pieces comes from. */
function originsOf(pieces: Piece[]): Origin[] {
  const origins: Origin[] = [{ line: 1 }];
  let line = 1;
  for (const piece of pieces) {
    if (piece.from) {
      for (const ch of piece.text) if (ch === '\n') origins.push({ line: piece.from.line, column: piece.from.column });
      line += newlines(piece.from.written);
    } else {
      for (const ch of piece.text) if (ch === '\n') origins.push({ line: ++line });
    }
  }
  return origins;
}

/** How many line breaks `text` holds. */
function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Splits `text` (of `file`, reached through the includes in `stack`) into own text and resolved directives. */
function piecesOf(text: string, file: string, stack: string[], context: Context): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  let line = 1;
  let lineStart = 0;
  for (const match of text.matchAll(directive)) {
    const index = match.index;
    pieces.push({ text: text.slice(last, index) });
    // Line breaks up to the directive, the previous directive's own ones included.
    for (let i = text.indexOf('\n', lineStart); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    const [written, type, argument] = match;
    last = index + written.length;
    const column = index - lineStart + 1;
    if (type === undefined || argument === undefined) pieces.push({ text: written.slice(1) });
    else {
      const resolved = resolve(type, argument, { file, line, column, stack }, context);
      pieces.push(resolved === undefined ? { text: written } : { text: resolved, from: { written, line, column } });
    }
  }
  pieces.push({ text: text.slice(last) });
  return pieces;
}

/** Where a directive stands, and the includes that led there. */
interface Site {
  file: string;
  line: number;
  column: number;
  stack: string[];
}

/** What the directive `{{#type argument}}` becomes; undefined for one that is not mdBook's, which stays as written. */
function resolve(type: string, argument: string, site: Site, context: Context): string | undefined {
  if (type === 'title') {
    context.title = argument.trim();
    return '';
  }
  // Others are another preprocessor's, or Handlebars and Mustache in a code sample (`{{#each items}}`): text, as in mdBook.
  if (type !== 'include' && type !== 'rustdoc_include' && type !== 'playground' && type !== 'playpen') return undefined;
  // mdBook: the path runs to the first space; more words are the playground's attributes.
  const [target = '', ...attributes] = argument.trim().split(/\s+/);
  const playground = type === 'playground' || type === 'playpen';
  const colon = target.indexOf(':');
  const name = playground || colon === -1 ? target : target.slice(0, colon);
  const selection = parseSelection(playground || colon === -1 ? undefined : target.slice(colon + 1));
  const included = readIncluded(name, site, context);
  if (included === undefined) return '';
  const taken = type === 'rustdoc_include' ? takeRustdocLines(included.text, selection) : takeLines(included.text, selection);
  if (taken === undefined) {
    report(context, site, 'error', `cannot include ${name}: it has no ${describeSelection(selection)} (ANCHOR: … / ANCHOR_END: …)`);
    return '';
  }
  const count = linesOf(included.text).length;
  // mdBook includes nothing, silently; a listing that vanished from the book deserves a word.
  if (selection.kind === 'lines' && count > 0 && (selection.start >= count || (selection.end ?? count) <= selection.start)) {
    report(context, site, 'warning', `${name}: ${describeSelection(selection)} selects nothing, the file has ${count} lines`);
  }
  const text = piecesOf(taken, included.file, [...site.stack, included.file], context).map((p) => p.text).join('');
  // mdBook's playground block: ```rust,attr1,attr2 and the file's text.
  return playground ? `\`\`\`${['rust', ...attributes].join(',')}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}\`\`\`\n` : text;
}

/** The file a directive names, read; undefined (and an error at the directive) when it cannot be. */
function readIncluded(name: string, site: Site, context: Context): { file: string; text: string } | undefined {
  const file = path.resolve(path.dirname(site.file), name);
  const shown = path.relative(context.root, file);
  if (name === '') {
    report(context, site, 'error', 'the directive names no file');
    return undefined;
  }
  if (!isInside(context.root, file)) {
    report(context, site, 'error', `cannot include ${name}: it leaves the book folder`);
    return undefined;
  }
  if (site.stack.includes(file)) {
    const cycle = [...site.stack.slice(site.stack.indexOf(file)), file].map((f) => path.relative(context.root, f));
    report(context, site, 'error', `cannot include ${name}: the includes go round in a circle (${cycle.join(' → ')})`);
    return undefined;
  }
  let decoded: Decoded;
  try {
    decoded = context.read(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    report(context, site, 'error', code === 'ENOENT' ? `cannot include ${name}: there is no file ${shown}` : `cannot include ${name}: ${(error as Error).message}`);
    return undefined;
  }
  if (decoded.problem) {
    report(context, site, decoded.problem.fatal ? 'error' : 'warning', `${shown}${decoded.problem.line ? `:${decoded.problem.line}` : ''}: ${decoded.problem.reason}`, decoded.problem.ruleId);
  }
  return { file, text: decoded.text };
}

/** Records a problem at a directive. */
function report(context: Context, site: Site, severity: 'error' | 'warning', reason: string, ruleId = 'include'): void {
  context.problems.push(problem(severity, reason, { file: site.file, line: site.line, column: site.column, ruleId }));
}

/**
 * Points the positions of a tree parsed from expanded text back at the chapter file: a node from
 * an included file at the directive that brought it in. Offsets (into the expanded text) stay.
 */
export function restorePositions(tree: Node, origins: Origin[]): void {
  visit(tree, (node) => {
    // New points: a plugin may share one point between nodes, which must not move twice.
    if (node.position) node.position = { start: restored(node.position.start, origins), end: restored(node.position.end, origins) };
  });
}

/** A point of the expanded text at its place in the chapter file. */
function restored(point: Point, origins: Origin[]): Point {
  const origin = origins[point.line - 1];
  if (!origin) return point;
  return { ...point, line: origin.line, column: origin.column ?? point.column };
}

/**
 * Which lines of a file an mdBook include takes, as mdBook reads `file.rs:2:10` or `file.rs:name`:
 * line ranges are 1-based and inclusive (`:N` one line, `:N:` to the end, `::M` from the start),
 * anything else names an anchor, the lines between `ANCHOR: name` and `ANCHOR_END: name` (in any
 * comment style: only those words are looked for). Anchor lines never reach the book.
 */

/** A part of a file: lines `start` (0-based, inclusive) to `end` (exclusive, or the end of the file), or an anchor. */
export type Selection = { kind: 'lines'; start: number; end?: number } | { kind: 'anchor'; name: string };

// mdBook's `[\w_-]+`, where Rust's \w is Unicode.
const anchorName = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}-]+`;
const anchorStart = new RegExp(String.raw`ANCHOR:\s*(${anchorName})`, 'u');
const anchorEnd = new RegExp(String.raw`ANCHOR_END:\s*(${anchorName})`, 'u');

/** A line number as mdBook parses it (`usize`: digits, an optional `+`). */
function lineNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\+?\d+$/.test(text) ? Number(text) : undefined;
}

/** The part of a file that `spec` (what follows the file name's first colon, if any) selects. */
export function parseSelection(spec: string | undefined): Selection {
  // mdBook splits at most twice at ':'; what follows a third piece is ignored.
  const [first = '', endText] = (spec ?? '').split(':');
  const start = lineNumber(first);
  if (start === undefined && first !== '') return { kind: 'anchor', name: first };
  const end = lineNumber(endText);
  // Line numbers are 1-based; mdBook saturates `0` to the first line. A start alone is one line.
  const from = start === undefined ? 0 : Math.max(start - 1, 0);
  if (start !== undefined && endText === undefined) return { kind: 'lines', start: from, end: from + 1 };
  return end === undefined ? { kind: 'lines', start: from } : { kind: 'lines', start: from, end };
}

/** The selection as written after the file name, for messages (`:2:10`, `:name`). */
export function describeSelection(selection: Selection): string {
  if (selection.kind === 'anchor') return `anchor "${selection.name}"`;
  const { start, end } = selection;
  if (end === undefined) return start === 0 ? 'the whole file' : `lines ${start + 1}-`;
  return end === start + 1 ? `line ${end}` : `lines ${start + 1}-${end}`;
}

/** The lines of a text as Rust's `str::lines` gives them: no empty last line after a final newline, `\r\n` as one break. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Whether a line marks where an anchor opens or closes. */
export function isAnchorLine(line: string): boolean {
  return anchorStart.test(line) || anchorEnd.test(line);
}

/**
 * For each line of `lines`, whether `selection` takes it; undefined when the selection names an
 * anchor the file does not have. mdBook takes the first anchor of that name; one without its end
 * runs to the end of the file.
 */
function selected(lines: string[], selection: Selection): boolean[] | undefined {
  if (selection.kind === 'lines') return lines.map((_, i) => i >= selection.start && (selection.end === undefined || i < selection.end));
  let state: 'before' | 'inside' | 'after' = 'before';
  const taken = lines.map((line) => {
    if (state === 'before' && anchorStart.exec(line)?.[1] === selection.name) state = 'inside';
    else if (state === 'inside' && anchorEnd.exec(line)?.[1] === selection.name) state = 'after';
    else return state === 'inside';
    return false;
  });
  return state === 'before' ? undefined : taken;
}

/** The text `{{#include}}` takes from a file: the selected lines without anchor lines; undefined for a missing anchor. */
export function takeLines(text: string, selection: Selection): string | undefined {
  const lines = linesOf(text);
  const taken = selected(lines, selection);
  return taken && lines.filter((line, i) => taken[i] && !isAnchorLine(line)).join('\n');
}

/**
 * The text `{{#rustdoc_include}}` takes: the whole file, the lines outside the selection made
 * hidden Rust lines (`# `), so that the example still compiles as a whole; anchor lines left out.
 */
export function takeRustdocLines(text: string, selection: Selection): string | undefined {
  const lines = linesOf(text);
  const taken = selected(lines, selection);
  return taken && lines.flatMap((line, i) => (isAnchorLine(line) ? [] : [taken[i] ? line : `# ${line}`])).join('\n');
}

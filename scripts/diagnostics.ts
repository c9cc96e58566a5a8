/**
 * Problems found in the author's files. Every stage reports here instead of throwing, so that a
 * build can list all problems at once; the CLI decides what is fatal (`--strict`).
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

export type Severity = 'error' | 'warning';

/** One problem, placed in a file where possible. */
export interface Diagnostic {
  severity: Severity;
  message: string;
  /** Path relative to the book root. */
  file?: string;
  line?: number;
  column?: number;
}

/** An error that stops the build; the CLI prints its message without a stack. */
export class BuildError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BuildError';
  }
}

/** Collects the diagnostics of one build. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  /** Records a warning: the book can be built around it. */
  warn(message: string, file?: string, line?: number, column?: number): void {
    this.list.push(place({ severity: 'warning', message }, file, line, column));
  }

  /** Records an error: the book cannot be built as written. */
  error(message: string, file?: string, line?: number, column?: number): void {
    this.list.push(place({ severity: 'error', message }, file, line, column));
  }

  /** Adds diagnostics made elsewhere (replayed from a cache, say). */
  add(list: Diagnostic[]): void {
    this.list.push(...list);
  }

  /** Whether the build must fail: any error, or any warning under `--strict`. */
  failed(strict: boolean): boolean {
    return this.list.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
  }

  /** Drops every diagnostic (the dev server starts each rebuild afresh). */
  clear(): void {
    this.list.length = 0;
  }
}

/** The messages unified plugins attached to a file, as diagnostics (fatal ones are errors). */
export function vfileDiagnostics(file: VFile, root: string): Diagnostic[] {
  return messageDiagnostics(file.messages, file.path, root);
}

/** Messages of the file at `file` (kept from an earlier parse, say), as diagnostics. */
export function messageDiagnostics(messages: VFileMessage[], file: string | undefined, root: string): Diagnostic[] {
  const rel = file ? path.relative(root, file) : undefined;
  return messages.map((m) => place({ severity: m.fatal ? 'error' : 'warning', message: m.reason }, rel, m.line, m.column));
}

/** Attaches a location to a diagnostic, leaving out what is unknown. */
function place(d: Diagnostic, file?: string, line?: number, column?: number): Diagnostic {
  if (file) d.file = file;
  if (line) d.line = line;
  if (column) d.column = column;
  return d;
}

/** `file:line:column: severity: message`, the form editors and terminals link to. */
export function formatDiagnostic(d: Diagnostic, strict = false): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  const severity = d.severity === 'warning' && strict ? 'error (strict)' : d.severity;
  return `${where}${severity}: ${d.message}`;
}

/**
 * Problems found in the author's files, as unified's own kind of message (VFileMessage) from the
 * plugin that found them to the terminal: a reason, a place, a rule id, and `fatal` (true for an
 * error, false for a warning, undefined for an info, as unified has it). Every stage reports here instead of throwing, so that a build can
 * list all problems at once; the CLI decides what is fatal (`--strict`).
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';

/** An error stops the build; a warning is built around; an info says what the tool decided on its own. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem: a VFileMessage whose `file` is relative to the book root. */
export type Diagnostic = VFileMessage;

/** Where a problem is and which rule found it; every part is optional. */
export interface Place {
  /** Path relative to the book root. */
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  /** The rule that found it (`encoding`, `broken-link`, ...), printed after the message. */
  ruleId?: string | undefined;
}

/** An error that stops the build; the CLI prints its message without a stack. */
export class BuildError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BuildError';
  }
}

/** A problem as a message. */
export function problem(severity: Severity, reason: string, where: Place = {}): Diagnostic {
  const message = new VFileMessage(reason, where.ruleId ? { ruleId: where.ruleId } : {});
  // Set directly: a place may have a line without a column, which a unist point cannot say.
  if (where.line) message.line = where.line;
  if (where.line && where.column) message.column = where.column;
  if (where.file) message.file = where.file;
  message.fatal = severity === 'info' ? undefined : severity === 'error';
  return message;
}

/** Whether a message is an error, a warning or an info. */
export function severityOf(d: Diagnostic): Severity {
  return d.fatal === true ? 'error' : d.fatal === false ? 'warning' : 'info';
}

/** Whether a problem makes the book fail: an error, or a warning under `--strict`. */
export function isBlocking(d: Diagnostic, strict: boolean): boolean {
  return d.fatal === true || (strict && d.fatal === false);
}

/** Collects the diagnostics of one build. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];
  /** Rule ids whose warnings are recorded as errors, and the words added to their reason. */
  private readonly escalated = new Map<string, string>();

  /** Records a warning: the book can be built around it. */
  warn(message: string, file?: string, line?: number, column?: number, ruleId?: string): void {
    this.list.push(this.escalation(problem('warning', message, { file, line, column, ruleId })));
  }

  /** Records an info: what the tool decided on its own, and how the author can pin it. */
  info(message: string, file?: string, line?: number, column?: number, ruleId?: string): void {
    this.list.push(problem('info', message, { file, line, column, ruleId }));
  }

  /** Records an error: the book cannot be built as written. */
  error(message: string, file?: string, line?: number, column?: number, ruleId?: string): void {
    this.list.push(problem('error', message, { file, line, column, ruleId }));
  }

  /** Adds diagnostics made elsewhere (replayed from a cache, say). */
  add(list: Diagnostic[]): void {
    this.list.push(...list.map((d) => this.escalation(d)));
  }

  /**
   * Makes the warnings of `rules`, those recorded already and those to come, errors whose reason
   * ends with `note` (what `--release` does to what a published book must not have).
   */
  escalate(rules: Iterable<string>, note: string): void {
    for (const rule of rules) this.escalated.set(rule, note);
    this.list.splice(0, this.list.length, ...this.list.map((d) => this.escalation(d)));
  }

  /** A warning of an escalated rule as an error; anything else as it is. */
  private escalation(d: Diagnostic): Diagnostic {
    const note = d.fatal === false && d.ruleId ? this.escalated.get(d.ruleId) : undefined;
    if (note === undefined) return d;
    // A copy: the warning may be a cached value that later builds, without --release, read too.
    const error = problem('error', `${d.reason}; ${note}`, { file: d.file, line: d.line, column: d.column, ruleId: d.ruleId });
    if (d.actual !== undefined) error.actual = d.actual;
    return error;
  }

  /** How many errors and warnings were recorded. */
  counts(): { errors: number; warnings: number } {
    return { errors: this.list.filter((d) => d.fatal === true).length, warnings: this.list.filter((d) => d.fatal === false).length };
  }

  /** Whether the build must fail: any error, or any warning under `--strict`. */
  failed(strict: boolean): boolean {
    return this.list.some((d) => isBlocking(d, strict));
  }
}

/** The messages unified plugins attached to a file, with the file made relative to the root. */
export function vfileDiagnostics(file: VFile, root: string): Diagnostic[] {
  return messageDiagnostics(file.messages, file.path, root);
}

/**
 * Messages of the file at `file` (kept from an earlier parse, say), each copied with its path
 * relative to the root; one that names another file by its absolute path (a problem in a file it
 * includes) keeps that file.
 */
export function messageDiagnostics(messages: VFileMessage[], file: string | undefined, root: string): Diagnostic[] {
  const rel = file ? path.relative(root, file) : undefined;
  return messages.map((m) => {
    const where = m.file && path.isAbsolute(m.file) ? path.relative(root, m.file) : rel;
    const copy = problem(severityOf(m), m.reason, { file: where, line: m.line, column: m.column, ruleId: m.ruleId });
    // What was found wrong (a broken link's target) lets a later stage merge repeats of one problem.
    if (m.actual !== undefined) copy.actual = m.actual;
    return copy;
  });
}

/** `file:line:column: severity: message [rule]`, the form editors and terminals link to. */
export function formatDiagnostic(d: Diagnostic, strict = false): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  const severity = severityOf(d) === 'warning' && strict ? 'error (strict)' : severityOf(d);
  return `${where}${severity}: ${d.reason}${d.ruleId ? ` [${d.ruleId}]` : ''}`;
}

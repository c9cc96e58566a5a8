/** Shared helpers for the unit tests: run plugins on small inputs, make throwaway book folders. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { Element, Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import { toHtml } from 'hast-util-to-html';
import type { Root as MdastRoot } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { severityOf, type Diagnostic, type Severity } from '../../scripts/diagnostics.js';

/** Parses `markdown` (GFM, YAML front matter) and runs `plugins` on the tree. */
export function runRemark(markdown: string, plugins: PluggableList): { tree: MdastRoot; file: VFile } {
  const file = new VFile({ path: 'chapter.md', value: markdown });
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(plugins);
  const tree = processor.runSync(processor.parse(file), file) as MdastRoot;
  return { tree, file };
}

/** Serializes a Markdown tree as HTML (raw HTML passed through), to assert on readable text. */
export function mdastToHtml(tree: MdastRoot): string {
  const hast = unified().use(remarkRehype, { allowDangerousHtml: true }).runSync(tree) as HastRoot;
  return toHtml(hast, { allowDangerousHtml: true });
}

/** Markdown (raw HTML parsed into elements) -> an HTML tree, the input rehype plugins see in a build. */
export function toHast(markdown: string): { tree: HastRoot; file: VFile } {
  const file = new VFile({ path: 'chapter.md', value: markdown });
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' });
  const tree = raw(processor.runSync(processor.parse(file), file) as HastRoot, { file }) as HastRoot;
  return { tree, file };
}

/** Runs rehype `plugins` on `tree` in place and returns the resulting HTML. */
export function runRehype(tree: HastRoot, file: VFile, plugins: PluggableList): string {
  const result = unified().use(plugins).runSync(tree, file) as HastRoot;
  return toHtml(result);
}

/** The reasons of a file's messages, in order. */
export function reasons(file: VFile): string[] {
  return file.messages.map((m) => m.reason);
}

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding `files` (relative path -> content), removed when the test file ends. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'unit-test-')));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Every element of `tree` that passes `test`, in document order. */
export function selectAll(tree: HastRoot | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node);
  });
  return found;
}

/** The first element of `tree` that passes `test`. */
export function select(tree: HastRoot | Element, test: (element: Element) => boolean): Element | undefined {
  return selectAll(tree, test)[0];
}

/** A diagnostic as the plain facts tests compare: severity, message and place (what is known of it). */
export interface PlainDiagnostic {
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** A diagnostic (a VFileMessage) as plain facts, for deepEqual. */
export function plain(d: Diagnostic): PlainDiagnostic {
  const out: PlainDiagnostic = { severity: severityOf(d), message: d.reason };
  if (d.file) out.file = d.file;
  if (d.line) out.line = d.line;
  if (d.column) out.column = d.column;
  return out;
}

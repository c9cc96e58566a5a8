/**
 * The book's own unified plugins (book.yaml `remarkPlugins`, `rehypePlugins`, as Astro names
 * them): resolved with the metadata, where a mistake can be shown at its line, and imported once
 * per build. A module path is relative to the book folder and must stay inside it; any other name
 * is a package installed for the book (or for this tool).
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BuildError, type Diagnostics } from '../diagnostics.js';
import type { Pass } from '../markdown/passes.js';
import { isInside } from '../paths.js';
import type { BookPlugins } from '../markdown/processor.js';
import { toolRoot } from '../tool-root.js';
import type { BookFile } from './schema.js';

/** A plugin the metadata names, resolved to its module file. */
export interface PluginSpec {
  kind: 'remark' | 'rehype';
  /** As written in book.yaml. */
  use: string;
  /** The module's file. */
  module: string;
  options?: unknown;
  scope: Pass['scope'];
  /** Where it is written in the metadata file. */
  line?: number;
  column?: number;
}

type Entry = NonNullable<BookFile['remarkPlugins']>[number];

/**
 * The plugins of the metadata, resolved; a module that cannot be found, or a remark plugin
 * limited to one output (Markdown is parsed once for every output), is an error at its line.
 */
export function resolvePlugins(
  file: BookFile,
  root: string,
  at: (keyPath: (string | number)[]) => number[],
  report: (message: string, where: number[]) => void,
): PluginSpec[] {
  const specs: PluginSpec[] = [];
  for (const kind of ['remark', 'rehype'] as const) {
    const key = `${kind}Plugins` as const;
    (file[key] ?? []).forEach((entry: Entry, i: number) => {
      const { use, options, scope = 'all' } = typeof entry === 'string' ? { use: entry } : entry;
      const [line, column] = at([key, i]);
      const where = [line, column].filter((n): n is number => n !== undefined);
      if (kind === 'remark' && scope !== 'all') {
        report(`${key}[${i}]: a remark plugin runs once for every output (Markdown is parsed once); limit a rehype plugin to ${scope} instead`, where);
        return;
      }
      const module = resolveModule(use, root);
      if ('problem' in module) {
        report(`${key}[${i}]: ${module.problem}`, where);
        return;
      }
      const spec: PluginSpec = { kind, use, module: module.file, scope };
      if (options !== undefined) spec.options = options;
      if (line) spec.line = line;
      if (column) spec.column = column;
      specs.push(spec);
    });
  }
  return specs;
}

/** The module file a plugin name or path stands for. */
function resolveModule(use: string, root: string): { file: string } | { problem: string } {
  if (/^\.{0,2}\//.test(use)) {
    const file = path.resolve(root, use);
    if (!isInside(root, file)) return { problem: `${use} is outside the book folder` };
    try {
      if (statSync(file).isFile()) return { file };
    } catch {
      // Reported below.
    }
    return { problem: `${use} does not exist` };
  }
  for (const from of [root, toolRoot]) {
    try {
      return { file: createRequire(path.join(from, 'package.json')).resolve(use) };
    } catch {
      // Try the next place.
    }
  }
  return { problem: `no package ${use} is installed for the book or for this tool` };
}

/** Imports the plugins (each module's default export); a module that fails to load stops the build. */
export async function importPlugins(specs: PluginSpec[], metadataFile: string | undefined, root: string, diagnostics: Diagnostics): Promise<BookPlugins> {
  const plugins: BookPlugins = { remark: [], rehype: [] };
  const rel = metadataFile && path.relative(root, metadataFile);
  for (const spec of specs) {
    let plugin: unknown;
    try {
      plugin = ((await import(pathToFileURL(spec.module).href)) as { default?: unknown }).default;
    } catch (error) {
      diagnostics.error(`${spec.kind}Plugins: ${spec.use} could not be loaded: ${(error as Error).message.split('\n')[0]}`, rel, spec.line, spec.column);
      continue;
    }
    if (typeof plugin !== 'function') {
      diagnostics.error(`${spec.kind}Plugins: ${spec.use} has no default export that is a unified plugin`, rel, spec.line, spec.column);
      continue;
    }
    const pass: Pass = { name: spec.use, scope: spec.scope, plugin: plugin as Pass['plugin'] };
    if (spec.options !== undefined) pass.options = spec.options;
    plugins[spec.kind].push(pass);
  }
  if (plugins.remark.length + plugins.rehype.length < specs.length) throw new BuildError(`the book's plugins could not all be loaded`);
  return plugins;
}

/**
 * Named passes: every transform of the chapter trees is a unified plugin with the outputs it runs
 * for (mdBook's `supports_renderer`). Passes for every output run once per chapter while the
 * manuscript is parsed (processor.ts); passes for one output run on a copy of each chapter's tree
 * when that output renders it, so one output's changes never reach another.
 */
import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified, type Plugin } from 'unified';
import { VFile } from 'vfile';
import { copyTree } from '../manuscript/parse.js';

/** The outputs a pass can be limited to. */
export type OutputScope = 'epub' | 'print' | 'preview';

/** One pass: a unified plugin, its options and the outputs it runs for. */
export interface Pass {
  /** For messages and for a book's plugins: the module it came from. */
  name: string;
  scope: 'all' | OutputScope;
  // Plugins take options of their own shapes; the pass list only carries them.
  plugin: Plugin<any[], any, any>;
  options?: unknown;
}

/** The passes of `scope` among `passes`, in order. */
export function passesFor(passes: Pass[], scope: Pass['scope']): Pass[] {
  return passes.filter((p) => p.scope === scope);
}

/** A unified processor running `passes` in order. */
export function processorWith(passes: Pass[]) {
  let processor = unified();
  for (const pass of passes) processor = processor.use(pass.plugin, ...(pass.options === undefined ? [] : [pass.options]));
  return processor;
}

/** What an output's passes made of a chapter tree. */
export interface PassResult {
  tree: Root;
  file: VFile;
}

/** One output's passes over chapter trees, and its HTML serializer (rehype-stringify). */
export class OutputPasses {
  private readonly processor;

  constructor(readonly passes: Pass[]) {
    this.processor = processorWith(passes).use(rehypeStringify).freeze();
  }

  /**
   * Runs the passes over a copy of a shared chapter tree (the tree itself when there are none:
   * nothing changes it then). `path` names the chapter's source in messages.
   */
  run(tree: Root, path: string): PassResult {
    const file = new VFile({ path });
    if (this.passes.length === 0) return { tree, file };
    return { tree: this.processor.runSync(copyTree(tree), file) as Root, file };
  }

  /** A tree as HTML. */
  stringify(tree: Root): string {
    return this.processor.stringify(tree);
  }
}

/** No passes: HTML serialization alone, for pages the tool makes itself (title page, contents). */
export const serializeOnly = new OutputPasses([]);

/**
 * Reads YAML front matter (Jekyll, Hugo, GitBook style) into `file.data.matter` and removes it from
 * the tree. Site-generator keys such as `layout`, `aside` and `sidebar` are accepted and ignored;
 * `title` names a chapter that has no H1 of its own. Broken YAML is an error at its line.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

declare module 'vfile' {
  interface DataMap {
    /** The file's front matter, when it has any. */
    matter: Record<string, unknown>;
    /** The line of each top-level key of the front matter, for messages about its value. */
    matterLines: Record<string, number>;
  }
}

/** The unified plugin. */
export default function remarkFrontMatter() {
  return (tree: Root, file: VFile): void => {
    const first = tree.children[0];
    if (!first || first.type !== 'yaml') return;
    tree.children.shift();
    const lineCounter = new LineCounter();
    const doc = parseDocument(first.value, { lineCounter, prettyErrors: false });
    // The YAML starts on the line after the opening `---`.
    const startLine = (first.position?.start.line ?? 1) + 1;
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      const message = file.message(`invalid front matter: ${error.message.split('\n')[0]}`, {
        place: { line: startLine + pos.line - 1, column: pos.col },
        ruleId: 'front-matter',
      });
      message.fatal = true;
    }
    if (doc.errors.length) return;
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) {
      const message = file.message('front matter must be a mapping of keys to values', { place: first.position, ruleId: 'front-matter' });
      message.fatal = true;
      return;
    }
    file.data.matter = value as Record<string, unknown>;
    const lines: Record<string, number> = {};
    if (isMap(doc.contents)) {
      for (const pair of doc.contents.items) {
        if (isScalar(pair.key) && pair.key.range) lines[String(pair.key.value)] = startLine + lineCounter.linePos(pair.key.range[0]).line - 1;
      }
    }
    file.data.matterLines = lines;
  };
}

/**
 * The tool's own folder (the one with its package.json), for the files it ships besides code:
 * default styles, EPUB templates, the preview's script. Found by walking up from this module, so
 * it is right both from the TypeScript sources and from the launcher's bundle.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `start` that holds a package.json. */
function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const toolRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/**
 * The tool itself: its folder (the one with its package.json), for the files it ships besides
 * code (default styles, EPUB templates, the preview's script), and its name and version, which
 * the outputs name as their maker. Found by walking up from this module, so it is right both from
 * the TypeScript sources and from the launcher's bundle.
 */
import { existsSync, readFileSync } from 'node:fs';
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

const manifest = JSON.parse(readFileSync(path.join(toolRoot, 'package.json'), 'utf8')) as { name: string; version: string };

/** The tool's name, from its package.json. */
export const toolName = manifest.name;

/** The tool's version, from its package.json. */
export const toolVersion = manifest.version;

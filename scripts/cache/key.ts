/**
 * Cache keys: a hash of what an entry depends on, plus the tool's own version, so that an entry
 * made by another version of the tool (its code, its dependencies, its Node) is never read.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { toolRoot } from '../tool-root.js';

/** A hash of some strings; each is length-prefixed, so `('ab', 'c')` and `('a', 'bc')` differ. */
export function hashParts(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('hex');
}

let version: string | undefined;

/**
 * package.json's version plus a stamp of the tool's sources, its lock file and Node, computed once
 * per process. Sizes and modification times, not contents: a few milliseconds for the whole tool,
 * and an edit of any source (or `npm install`) is enough to change it.
 */
export function toolVersion(): string {
  version ??= computeVersion();
  return version;
}

/** Does the work of `toolVersion`. */
function computeVersion(): string {
  const packageFile = path.join(toolRoot, 'package.json');
  const declared = (JSON.parse(readFileSync(packageFile, 'utf8')) as { version?: string }).version ?? '0';
  const lines = listFiles(path.join(toolRoot, 'scripts'), [`${packageFile} ${stampOf(packageFile)}`]);
  const lock = path.join(toolRoot, 'package-lock.json');
  if (existsSync(lock)) lines.push(`${lock} ${stampOf(lock)}`);
  // ICU (slugs, segmentation) and the serializer of the disk store come with Node.
  lines.push(process.version);
  return `${declared}+${hashParts(...lines).slice(0, 16)}`;
}

/** Appends `path size:mtime` of every file below `dir` to `lines`, in a fixed order. */
function listFiles(dir: string, lines: string[]): string[] {
  // Code-unit order, not localeCompare: the collator's first use alone costs about 8 ms.
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(file, lines);
    else lines.push(`${file} ${stampOf(file)}`);
  }
  return lines;
}

/** A file's size and modification time (`-` for a file deleted while the tool was listed). */
function stampOf(file: string): string {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats ? `${stats.size}:${stats.mtimeMs}` : '-';
}

/**
 * Paths and URLs as a book writes them, in one place so that every reader of the book's files
 * draws the same lines: percent-decoding, URL schemes, whether a path really stays inside a folder,
 * and the content-addressed names of the files a publication embeds.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** Percent-decoding that never throws: a malformed escape (`100%.png`) is part of the name, so the text comes back as written. */
export function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The scheme a reference starts with (`https`, `mailto`, `data`, `file`), lower-cased; undefined for a path. */
export function schemeOf(reference: string): string | undefined {
  return /^([a-z][a-z\d+.-]*):/i.exec(reference)?.[1]?.toLowerCase();
}

/** Whether a reference is an http(s) address: downloaded from the web, never read from the disk. */
export function isWebAddress(reference: string): boolean {
  return /^https?:\/\//i.test(reference);
}

/**
 * Whether `target` lies inside `folder` (the folder itself is not inside it) once symbolic links
 * are followed: a link in the book that points elsewhere leads out of the book, however it is named.
 */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(realPath(folder), realPath(target));
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** The real path of `file`: links resolved up to its nearest existing ancestor, the rest (not there yet) appended as written. */
export function realPath(file: string): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync.native(absolute);
  } catch {
    // Missing (or unreadable) here: what does not exist holds no link, so its parent decides.
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(realPath(parent), path.basename(absolute));
  }
}

/** The name a file gets inside the publication, from its content (`images/3f2a9c1b….png`), so that builds are reproducible. */
export function contentHref(folder: string, data: Uint8Array, extension: string): string {
  return `${folder}/${createHash('sha256').update(data).digest('hex').slice(0, 16)}.${extension}`;
}

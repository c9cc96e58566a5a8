/** Finds the stylesheets of a book: its own `styles/` first, the tool's defaults otherwise. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { toolRoot } from '../tool-root.js';
import type { BookConfig } from '../config/load.js';

/** The tool's own `styles/` folder, the defaults for books that bring none. */
export const defaultStylesDir = path.join(toolRoot, 'styles');

/** Path of a stylesheet: the book's copy if it has one, else the default. */
export function stylesheetPath(config: BookConfig, name: string): string {
  const own = path.join(config.stylesDir, name);
  return existsSync(own) ? own : path.join(defaultStylesDir, name);
}

/** The text of a stylesheet (see `stylesheetPath`). */
export function bookStylesheet(config: BookConfig, name: string): string {
  return readFileSync(stylesheetPath(config, name), 'utf8');
}

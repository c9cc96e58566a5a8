/**
 * Watches the book's folders with chokidar and reports batches of changed paths. chokidar 5 has
 * no globs, so the folders are watched whole and editor droppings are filtered with `ignored`.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { BookLayout } from '../config/layout.js';
import { log } from '../log.js';
import { isInside } from '../paths.js';

/** A running watcher. */
export interface BookWatcher {
  /** Resolves when the initial scan is done and changes are being reported. */
  ready: Promise<void>;
  /**
   * Watches these files too (the ones a book's include directives read, which may lie outside the
   * layout's folders, e.g. `listings/` beside `src/`); files followed before and not named now are let go.
   * Resolves once chokidar watches the new ones, so that a save right after is seen.
   */
  follow(files: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Temporary and hidden files that editors write next to the real ones. */
function isEditorDropping(file: string): boolean {
  const name = path.basename(file);
  return name.startsWith('.') || name.startsWith('#') || name.endsWith('~') || /\.(swp|swx|tmp|bak)$/i.test(name);
}

/**
 * Waits until chokidar lists `files` among what it watches (it sets a new path up asynchronously and
 * says nothing when done), for at most two seconds: a file it never takes is not worth hanging for.
 */
async function watching(watcher: FSWatcher, files: string[]): Promise<void> {
  const deadline = Date.now() + 2000;
  const watched = (file: string): boolean => (watcher.getWatched()[path.dirname(file)] ?? []).includes(path.basename(file));
  while (!files.every(watched) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Size and modification time of a file, to notice a write that chokidar did not report. */
function signature(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'gone';
  }
}

/**
 * Calls `onChange` with the paths changed (added, changed, deleted) during each quiet spell of
 * `debounceMs`. A short own debounce instead of `awaitWriteFinish`: that option polls for at least
 * its threshold (~100 ms) on every save, most of the preview's latency budget, and a half-written
 * file is harmless here because the next write triggers another rebuild.
 */
export function watchBook(layout: BookLayout, onChange: (paths: string[]) => void, debounceMs = 8): BookWatcher {
  const watcher: FSWatcher = watch(layout.watch, {
    ignoreInitial: true,
    // Our own outputs and cache live inside the watched folder of some layouts: writing them must not rebuild.
    ignored: (file) => isEditorDropping(file) || file.split(path.sep).includes('node_modules') || layout.ignore.some((dir) => file === dir || file.startsWith(dir + path.sep)),
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const rechecks = new Set<NodeJS.Timeout>();
  /** Adds paths to the next batch and restarts the quiet-spell timer. */
  const note = (files: string[]): void => {
    for (const file of files) pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  /** Reports the batch, then looks at its files once more after chokidar's throttle window. */
  const flush = (): void => {
    const batch = [...pending];
    pending = new Set();
    const seen = new Map(batch.map((file) => [file, signature(file)]));
    onChange(batch);
    // chokidar drops a second change of the same file within 50 ms: a quick second save (or the
    // rest of a write in several chunks) would otherwise never be built.
    const recheck = setTimeout(() => {
      rechecks.delete(recheck);
      const missed = batch.filter((file) => signature(file) !== seen.get(file));
      if (missed.length) note(missed);
    }, 60);
    rechecks.add(recheck);
  };
  watcher.on('all', (_event, file) => note([file]));
  // An unhandled 'error' would end the process; a watch that failed (e.g. out of inotify watches)
  // is reported and the other folders go on being watched.
  watcher.on('error', (error) => log(`watching failed: ${(error as Error).message}`));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  let followed = new Set<string>();
  return {
    ready,
    follow: async (files) => {
      const outside = new Set(files.filter((file) => !layout.watch.some((watched) => watched === file || isInside(watched, file))));
      const gone = [...followed].filter((file) => !outside.has(file));
      const added = [...outside].filter((file) => !followed.has(file));
      if (gone.length) void watcher.unwatch(gone);
      followed = outside;
      if (added.length) {
        watcher.add(added);
        await watching(watcher, added);
      }
    },
    close: async () => {
      clearTimeout(timer);
      for (const recheck of rechecks) clearTimeout(recheck);
      await watcher.close();
    },
  };
}

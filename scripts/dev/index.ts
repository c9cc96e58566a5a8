/**
 * `book dev`: watch the book, rebuild the manuscript model on every save, serve it as a live
 * preview, and write EPUB/PDF on request. Runs until SIGINT/SIGTERM (or `q`), then closes the
 * watcher, the server, the open event streams and Chromium, and returns the exit status.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Format } from '../build.js';
import { resolveLayout } from '../config/layout.js';
import { diskDrawer } from '../diagrams/drawer.js';
import { formatDiagnostic } from '../diagnostics.js';
import { log } from '../log.js';
import { BuildLoop } from './build-loop.js';
import { listenForKeys } from './keys.js';
import { OutputBuilder } from './outputs.js';
import { reloadEvent, startServer } from './server.js';
import { blockingProblems, PreviewSession, type PreviewState } from './session.js';
import { watchBook } from './watch.js';

export interface DevOptions {
  root: string;
  strict: boolean;
  /** Preview port; the next free one is used when it is taken, 0 lets the system choose. */
  port: number;
}

/** Runs the dev server until it is told to stop; resolves to the exit status. */
export async function startDev(options: DevOptions): Promise<number> {
  let layout;
  try {
    layout = resolveLayout(options.root);
  } catch (error) {
    log((error as Error).message);
    return 1;
  }
  const { root } = layout;
  log(`Watching ${options.root}: ${layout.description}`);
  // The session reloads from what the author named (a single Markdown file stays one).
  // Diagrams are drawn in the Chromium that the PDF and the page view keep warm, once per source
  // (in the book's cache folder, which builds share).
  const session = new PreviewSession(path.resolve(options.root), diskDrawer(layout.cacheDir, () => outputs.chromium()));
  const outputs = new OutputBuilder(session, options.strict);
  report(await session.rebuild(), options.strict);

  const loop = new BuildLoop(async (changes) => {
    const state = await session.rebuild(changes.filter((file) => !existsSync(file)));
    await watcher.follow(state.manuscript?.includes ?? []);
    server.events.broadcast('reload', reloadEvent(state));
    report(state, options.strict, changes);
  });
  const buildOutput = (format: Format) => loop.exclusive(() => outputs.build(format));
  const chapterPages = (chapterId: string) => loop.exclusive(() => outputs.chapterPages(chapterId));
  const server = await startServer({ state: () => session.state, strict: options.strict, buildOutput, chapterPages }, options.port);
  const watcher = watchBook(layout, (paths) => loop.request(paths));
  await watcher.ready;
  await watcher.follow(session.state.manuscript?.includes ?? []);
  log(`Preview of ${root} at ${server.url}`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    /** Closes everything once; further signals while closing are ignored. */
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      releaseKeys();
      log('Stopping the preview…');
      void Promise.all([watcher.close(), server.close(), outputs.close()]).then(() => resolve(0));
    };
    // The handlers stay installed until the process ends: a repeated signal (tsx relays it) must
    // not kill a half-closed server, and the PDF module's handler re-raises the signal, ending
    // the process with 130, when it finds no other listener.
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const releaseKeys = listenForKeys({
      p: () => void buildOutput('pdf'),
      e: () => void buildOutput('epub'),
      q: stop,
      'ctrl-c': stop,
    });
  });
}

/** One line per rebuild, and the problems that block the book. */
function report(state: PreviewState, strict: boolean, changes: string[] = []): void {
  const changed = changes.length ? ` after ${changes.map((c) => path.basename(c)).join(', ')} changed` : '';
  const problems = blockingProblems(state, strict);
  const warnings = state.diagnostics.filter((d) => d.fatal === false).length - problems.filter((d) => d.fatal === false).length;
  log(`• rebuilt in ${Math.round(state.buildMs)} ms${changed}${warnings ? `, ${warnings} warning(s)` : ''}${problems.length || state.failure ? ', with errors:' : ''}`);
  for (const d of problems) log(`  ${formatDiagnostic(d, strict)}`);
  if (state.failure) log(`  ${state.failure}`);
}

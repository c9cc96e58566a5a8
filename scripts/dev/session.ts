/**
 * The preview's view of the book: the latest manuscript model and the problems of the latest
 * rebuild. A failed rebuild keeps the last good manuscript on screen and reports why, so a typo
 * never blanks the preview or stops the watcher.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type BookConfig } from '../config/load.js';
import { BuildError, Diagnostics, isBlocking, type Diagnostic } from '../diagnostics.js';
import { loadManuscript } from '../manuscript/load.js';
import type { Manuscript } from '../manuscript/model.js';
import type { ManuscriptParser } from '../manuscript/parse.js';
import type { DiagramDrawer } from '../diagrams/drawer.js';
import { parserFor } from '../build.js';

/** The outcome of the latest rebuild. */
export interface PreviewState {
  /** Counts rebuilds; pages carry it so a tab can tell it is out of date. */
  version: number;
  /** The latest manuscript that loaded, possibly from an earlier rebuild. */
  manuscript?: Manuscript;
  diagnostics: Diagnostic[];
  /** Why the latest rebuild stopped, when it did (a BuildError or an unexpected exception). */
  failure?: string;
  /** How long the latest rebuild took. */
  buildMs: number;
}

/** Rebuilds the manuscript model on request, reusing one parser for unchanged files. */
export class PreviewSession {
  state: PreviewState = { version: 0, diagnostics: [], buildMs: 0 };
  private parser?: ManuscriptParser;
  private parserShape = '';

  /** `drawer` draws the book's Mermaid diagrams (in the Chromium the dev server keeps warm). */
  constructor(
    readonly root: string,
    private readonly drawer?: DiagramDrawer,
  ) {}

  /**
   * The parser for `config`; a new one when what shapes the HTML changed: the labels, the
   * language, or the book's plugins (a changed plugin file too).
   */
  async parserFor(config: BookConfig, diagnostics: Diagnostics): Promise<ManuscriptParser> {
    const plugins = config.plugins.map((p) => ({ ...p, changed: statSync(p.module).mtimeMs }));
    const shape = JSON.stringify([config.labels, config.language, plugins]);
    if (!this.parser || shape !== this.parserShape) {
      this.parser = await parserFor(config, diagnostics, true);
      this.parserShape = shape;
    }
    return this.parser;
  }

  /** Build options that reuse this session's parser (for the on-request outputs). */
  reusable(): { parser?: ManuscriptParser } {
    return this.parser ? { parser: this.parser } : {};
  }

  /** Loads the book again; `removed` files are dropped from the parser's cache. */
  async rebuild(removed: string[] = []): Promise<PreviewState> {
    const start = performance.now();
    const diagnostics = new Diagnostics();
    let manuscript = this.state.manuscript;
    let failure: string | undefined;
    try {
      const config = loadConfig(path.resolve(this.root), diagnostics);
      const parser = await this.parserFor(config, diagnostics);
      for (const file of removed) parser.forget(file);
      manuscript = await loadManuscript(config, diagnostics, parser, this.drawer);
    } catch (error) {
      // Expected manuscript problems and bugs alike are shown, never thrown: the watcher goes on.
      failure = error instanceof BuildError ? error.message : `unexpected error: ${(error as Error).stack ?? String(error)}`;
    }
    const state: PreviewState = { version: this.state.version + 1, diagnostics: diagnostics.list, buildMs: performance.now() - start };
    if (manuscript) state.manuscript = manuscript;
    if (failure) state.failure = failure;
    this.state = state;
    return state;
  }
}

/** The problems that make the book fail (errors; warnings too under --strict). */
export function blockingProblems(state: PreviewState, strict: boolean): Diagnostic[] {
  return state.diagnostics.filter((d) => isBlocking(d, strict));
}

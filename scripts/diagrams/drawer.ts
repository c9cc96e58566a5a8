/**
 * Mermaid diagrams drawn once: each drawing is kept in the cache under its source, what else it
 * depends on (the book's language and text width), mermaid's version and settings. A diagram whose
 * source did not change is never drawn again, and a build whose diagrams are all in the cache asks
 * for no browser.
 */
import type { Browser } from 'puppeteer';
import { Cache, type Namespace } from '../cache/cache.js';
import { DiskStore } from '../cache/disk-store.js';
import type { Key } from '../cache/store.js';
import { mermaidConfig, mermaidVersion, openDrawingPage, type DrawingPage, type DrawSettings, type Drawing } from './mermaid-page.js';

/** What one `draw` did: diagrams drawn, diagrams found in the cache, and how long it took. */
export interface DrawStats {
  drawn: number;
  cached: number;
  ms: number;
}

/** A drawing page with the settings it draws with, and the drawings asked of it. */
interface Ready {
  settings: string;
  page: Promise<DrawingPage>;
  /** Things under way in Chromium: the page opening, batches being drawn. */
  pending: number;
  /** Settles when the page is open and the latest batch drawn (a batch waits for the one before). */
  chain: Promise<unknown>;
  /** Each source asked for, by source. */
  drawing: Map<string, Promise<Drawing>>;
}

/** Draws diagrams in a page of the browser that `browser` gives (started only when something must be drawn). */
export class DiagramDrawer {
  private readonly drawings: Namespace<Drawing>;
  /**
   * The drawings this process already read, by key: the dev server asks for every diagram of the
   * book on every save, and reading each from disk again cost most of a rebuild.
   */
  private readonly held = new Map<string, Drawing>();
  /** The keys used since the last sweep, which the sweep keeps (those served from `held` too). */
  private used: Key[] = [];
  /** What the latest `draw` did. */
  stats: DrawStats = { drawn: 0, cached: 0, ms: 0 };
  /**
   * A drawing page opened ahead of `draw` (`prepare`), loading mermaid and drawing while the
   * chapters still parse; the next `draw` with the same settings takes it.
   */
  private ready?: Ready;

  constructor(
    cache: Cache,
    private readonly browser: () => Promise<Browser>,
  ) {
    this.drawings = cache.namespace<Drawing>('mermaid-drawing');
  }

  /**
   * The drawing of each distinct source, from the cache or drawn now (all misses in one page,
   * those `prepare` was given already drawn or on their way). Drawings that failed (a syntax
   * error) are kept too: the same source fails the same way. `refused` hears of URLs the drawing
   * page was not allowed to load.
   */
  async draw(sources: string[], settings: DrawSettings, refused: (url: string) => void): Promise<Map<string, Drawing>> {
    const started = performance.now();
    const drawings = new Map<string, Drawing>();
    const misses: { source: string; key: Key }[] = [];
    for (const source of new Set(sources)) {
      const key = this.keyOf(source, settings);
      this.used.push(key);
      const hit = this.lookUp(key);
      if (hit) drawings.set(source, hit);
      else misses.push({ source, key });
    }
    if (misses.length) {
      const ready = this.take(settings, refused);
      let drawn: Drawing[];
      try {
        drawn = await Promise.all(this.drawIn(ready, misses.map((m) => m.source)));
      } finally {
        await ready.page.then((page) => page.close(), () => undefined);
      }
      misses.forEach((miss, i) => {
        const drawing = drawn[i] as Drawing;
        this.drawings.set(miss.key, drawing);
        this.held.set(miss.key.hash, drawing);
        drawings.set(miss.source, drawing);
      });
    }
    this.stats = { drawn: misses.length, cached: drawings.size - misses.length, ms: performance.now() - started };
    return drawings;
  }

  /**
   * Starts opening a drawing page when one of `sources` is in no cache, and draws those there as
   * soon as it is open, so that Chromium starts, loads mermaid and draws while the caller goes on
   * (parsing the other chapters); `draw` then finds them drawn. A build whose diagrams are all
   * cached still asks for no browser. Returns whether a page is open or being opened.
   */
  prepare(sources: string[], settings: DrawSettings, refused: (url: string) => void): boolean {
    const missing = sources.filter((source) => !this.lookUp(this.keyOf(source, settings)));
    if (this.ready?.settings !== JSON.stringify(settings)) {
      if (missing.length === 0) return false;
      void this.ready?.page.then((page) => page.close(), () => undefined);
      this.ready = this.open(settings, refused);
    }
    this.drawIn(this.ready, missing);
    return true;
  }

  /** Whether the page `prepare` started is still opening or drawing, which needs the event loop. */
  get busy(): boolean {
    return this.ready !== undefined && this.ready.pending > 0;
  }

  /** A new drawing page, opening. */
  private open(settings: DrawSettings, refused: (url: string) => void): Ready {
    const page = this.browser().then((browser) => openDrawingPage(browser, settings, refused));
    const ready: Ready = { settings: JSON.stringify(settings), page, pending: 1, chain: page, drawing: new Map() };
    /** Notes that the page is open (or failed to open). */
    const settle = (): void => {
      ready.pending--;
    };
    // Whoever draws there hears of a failure; until then it must not count as unhandled.
    page.then(settle, settle);
    return ready;
  }

  /** The page `prepare` opened for `settings` (with what it drew), or a new one. */
  private take(settings: DrawSettings, refused: (url: string) => void): Ready {
    const ready = this.ready;
    this.ready = undefined;
    if (ready?.settings === JSON.stringify(settings)) return ready;
    void ready?.page.then((page) => page.close(), () => undefined);
    return this.open(settings, refused);
  }

  /**
   * The drawings of `sources` in `ready`'s page: those asked for before, and the others drawn in
   * one batch after the batches before it (mermaid draws one diagram at a time in a page).
   */
  private drawIn(ready: Ready, sources: string[]): Promise<Drawing>[] {
    const fresh = [...new Set(sources)].filter((source) => !ready.drawing.has(source));
    if (fresh.length) {
      ready.pending++;
      const batch = ready.chain.then(() => ready.page).then((page) => page.draw(fresh));
      ready.chain = batch.then(
        () => ready.pending--,
        () => ready.pending--,
      );
      fresh.forEach((source, i) => {
        const drawing = batch.then((drawn) => drawn[i] as Drawing);
        // Awaited by `draw`; a batch drawn for a build that then stopped must not count as unhandled.
        drawing.catch(() => undefined);
        ready.drawing.set(source, drawing);
      });
    }
    return sources.map((source) => ready.drawing.get(source) as Promise<Drawing>);
  }

  /** The cache key of a source's drawing. */
  private keyOf(source: string, settings: DrawSettings): Key {
    return this.drawings.key(mermaidVersion, JSON.stringify(mermaidConfig), JSON.stringify(settings), source);
  }

  /** The drawing at `key` from this process's memory or the cache (kept in memory from then on). */
  private lookUp(key: Key): Drawing | undefined {
    const hit = this.held.get(key.hash) ?? this.drawings.get(key);
    if (hit) this.held.set(key.hash, hit);
    return hit;
  }

  /** Forgets the drawings the build that just ended did not use, and closes a page it prepared but did not draw in. */
  sweep(): void {
    void this.ready?.page.then((page) => page.close(), () => undefined);
    this.ready = undefined;
    this.drawings.sweep(this.used);
    const kept = new Set(this.used.map((k) => k.hash));
    for (const hash of this.held.keys()) if (!kept.has(hash)) this.held.delete(hash);
    this.used = [];
  }
}

/** A drawer that keeps its drawings in the book's cache folder (`.cache/build/`), across builds. */
export function diskDrawer(cacheDir: string, browser: () => Promise<Browser>): DiagramDrawer {
  return new DiagramDrawer(new Cache({ store: new DiskStore(cacheDir) }), browser);
}

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
import { drawInPage, mermaidConfig, mermaidVersion, type DrawSettings, type Drawing } from './mermaid-page.js';

/** What one `draw` did: diagrams drawn, diagrams found in the cache, and how long it took. */
export interface DrawStats {
  drawn: number;
  cached: number;
  ms: number;
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

  constructor(
    cache: Cache,
    private readonly browser: () => Promise<Browser>,
  ) {
    this.drawings = cache.namespace<Drawing>('mermaid-drawing');
  }

  /**
   * The drawing of each distinct source, from the cache or drawn now (all misses in one page).
   * Drawings that failed (a syntax error) are kept too: the same source fails the same way.
   * `refused` hears of URLs the drawing page was not allowed to load.
   */
  async draw(sources: string[], settings: DrawSettings, refused: (url: string) => void): Promise<Map<string, Drawing>> {
    const started = performance.now();
    const drawings = new Map<string, Drawing>();
    const misses: { source: string; key: Key }[] = [];
    for (const source of new Set(sources)) {
      const key = this.drawings.key(mermaidVersion, JSON.stringify(mermaidConfig), JSON.stringify(settings), source);
      this.used.push(key);
      const hit = this.held.get(key.hash) ?? this.drawings.get(key);
      if (hit) {
        this.held.set(key.hash, hit);
        drawings.set(source, hit);
      } else misses.push({ source, key });
    }
    if (misses.length) {
      const drawn = await drawInPage(await this.browser(), misses.map((m) => m.source), settings, refused);
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

  /** Forgets the drawings the build that just ended did not use. */
  sweep(): void {
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

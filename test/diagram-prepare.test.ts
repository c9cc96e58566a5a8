/**
 * The drawing page opened ahead (diagrams/drawer.ts `prepare`): Chromium and mermaid start, and
 * diagrams are drawn, while the chapters still parse; the drawings are those of a page opened after
 * parsing, no tab is left open, and a book whose diagrams are all cached asks for no browser at all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer';
import { Cache } from '../scripts/cache/cache.js';
import { DiskStore } from '../scripts/cache/disk-store.js';
import { loadConfig, type BookConfig } from '../scripts/config/load.js';
import { DiagramDrawer } from '../scripts/diagrams/drawer.js';
import type { Drawing } from '../scripts/diagrams/mermaid-page.js';
import { Diagnostics } from '../scripts/diagnostics.js';
import { loadManuscript } from '../scripts/manuscript/load.js';
import { ManuscriptParser, type ParsedFile } from '../scripts/manuscript/parse.js';
import { findBrowser } from '../scripts/outputs/pdf/browser.js';
import { copyFixture, removeTempDirs, tempDir } from './helpers/cli.js';

/** A parser that notes each file it parses in `events`. */
class NotingParser extends ManuscriptParser {
  constructor(
    config: BookConfig,
    private readonly events: string[],
  ) {
    super(config.labels, { language: config.language, root: config.root });
  }

  /** Notes the file, then parses it. */
  override parse(file: string): ParsedFile {
    this.events.push(`parse ${file}`);
    return super.parse(file);
  }
}

describe('drawing page opened while the chapters parse', () => {
  let browser: Browser;
  let config: BookConfig;
  let cache: Cache;

  before(async () => {
    browser = await puppeteer.launch({ executablePath: findBrowser().path, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    config = loadConfig(copyFixture('diagrams'), new Diagnostics());
    cache = new Cache({ store: new DiskStore(tempDir('diagram-cache-')) });
  });
  after(async () => {
    await browser.close();
    removeTempDirs();
  });

  /** Loads the fixture with a drawer over `cache` whose browser requests are noted in `events`. */
  async function load(events: string[]): Promise<{ drawer: DiagramDrawer; drawings: string[] }> {
    const drawer = new DiagramDrawer(cache, async () => {
      events.push('browser');
      return browser;
    });
    const diagnostics = new Diagnostics();
    const manuscript = await loadManuscript(config, diagnostics, new NotingParser(config, events), drawer);
    assert.ok(!diagnostics.list.some((d) => d.ruleId === 'diagram-not-drawn' && !d.file), JSON.stringify(diagnostics.list));
    const drawings = manuscript.chapters.flatMap((c) => JSON.stringify(c.tree).match(/<svg|"tagName":"svg"/g) ?? []);
    return { drawer, drawings };
  }

  it('asks for the browser right after the first file with an undrawn diagram, before the others parse, and draws every diagram in one tab', async () => {
    const tabs = (await browser.pages()).length;
    const events: string[] = [];
    const { drawer, drawings } = await load(events);
    assert.deepEqual(drawer.stats.drawn + drawer.stats.cached, 13);
    assert.equal(drawer.stats.drawn, 13);
    assert.equal(drawings.length, 12, 'twelve diagrams are drawn in the chapters, the unreadable one stays code');
    assert.deepEqual(events.filter((e) => e === 'browser'), ['browser'], 'one request for the browser');
    assert.match(events[0] ?? '', /01-flow\.md$/);
    assert.equal(events[1], 'browser', events.join('\n'));
    assert.equal((await browser.pages()).length, tabs, 'the drawing tab is closed');
  });

  it('asks for no browser when every diagram is in the cache', async () => {
    const events: string[] = [];
    const { drawer, drawings } = await load(events);
    assert.deepEqual(drawer.stats, { ...drawer.stats, drawn: 0, cached: 13 });
    assert.equal(drawings.length, 12);
    assert.ok(!events.includes('browser'), events.join('\n'));
  });

  it('draws the same as a tab opened when the sources are known, and closes a tab prepared but not used', { timeout: 120_000 }, async () => {
    const sources = ['flowchart LR\n  가[시작] --> 나{판단}\n  나 -->|예| 다[끝]', 'pie title 资源占用\n  "CPU" : 40\n  "内存" : 60'];
    const settings = { language: config.language, width: 480 };
    const tabs = (await browser.pages()).length;
    /** A drawer over a cache of its own. */
    const fresh = (): DiagramDrawer => new DiagramDrawer(new Cache(), async () => browser);
    const ahead = fresh();
    // Two batches drawn ahead, as two parsed files give them, then both taken by `draw`.
    assert.equal(ahead.prepare(sources.slice(0, 1), settings, () => undefined), true);
    assert.equal(ahead.prepare(sources, settings, () => undefined), true);
    const prepared = await ahead.draw(sources, settings, () => undefined);
    assert.deepEqual(ahead.stats, { ...ahead.stats, drawn: 2, cached: 0 });
    const later = await fresh().draw(sources, settings, () => undefined);
    /** The SVGs of some drawings, by source. */
    const svgs = (drawings: Map<string, Drawing>): string[] =>
      sources.map((source) => {
        const drawing = drawings.get(source);
        return drawing && 'svg' in drawing ? drawing.svg : `no drawing: ${JSON.stringify(drawing)}`;
      });
    assert.deepEqual(svgs(prepared), svgs(later));
    assert.match(svgs(prepared)[1] ?? '', /资源占用/);
    const unused = fresh();
    assert.equal(unused.prepare(sources, settings, () => undefined), true);
    unused.sweep();
    // The sweep closes the tab once it has opened; wait for that without a fixed delay.
    while ((await browser.pages()).length !== tabs) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal((await browser.pages()).length, tabs);
  });
});

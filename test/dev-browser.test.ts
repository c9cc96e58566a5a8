/** The preview in a real browser: headless Chromium sees a save without anyone reloading the page. */
import assert from 'node:assert/strict';
import { appendFileSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { findBrowser } from '../scripts/outputs/pdf/browser.js';
import { copyFixture, startDevProcess, type DevProcess } from './dev-harness.js';

let browser: Browser | undefined;
let dev: DevProcess | undefined;
let dir: string | undefined;
after(async () => {
  await browser?.close();
  if (dev) {
    dev.child.kill('SIGTERM');
    await dev.exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Waits until `expression` is true in the page, polling with our own evaluate calls: the page
 * reloads itself under the test, and puppeteer's waitForFunction can lose its task when a
 * navigation lands mid-poll. On timeout the dev server's log is part of the message.
 */
async function eventually(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const attempt = page.evaluate(expression).catch(() => false);
    const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000));
    if (await Promise.race([attempt, late])) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`still false after ${timeoutMs} ms: ${expression}\n--- dev printed:\n${dev?.output() ?? ''}`);
}

test('should update the open page after a save, keeping the look and the scroll position', { timeout: 180_000 }, async () => {
  dir = copyFixture('dev-book');
  const chapter = path.join(dir, 'manuscript/02-second.md');
  // Long enough to scroll.
  appendFileSync(chapter, Array.from({ length: 80 }, (_, i) => `\n문단 ${i}: filler paragraph.\n`).join(''));
  dev = await startDevProcess(dir);
  browser = await puppeteer.launch({ executablePath: findBrowser().path, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.setViewport({ width: 800, height: 400 });
  await page.goto(`${dev.url}ch02.xhtml`, { waitUntil: 'load' });
  // The tab subscribes once its script has run.
  await eventually(page, 'document.documentElement.dataset.bookLive === "connected"');

  const shadow = await page.evaluateHandle('document.querySelector("book-dev").shadowRoot.getElementById("look")');
  await (shadow as unknown as { click(): Promise<void> }).click();
  assert.equal(await page.evaluate('document.documentElement.dataset.bookLook'), 'print');
  await page.evaluate('window.scrollTo(0, 600)');

  appendFileSync(chapter, '\n저장한 새 문장 LIVE-UPDATE.\n');
  await eventually(page, 'document.readyState === "complete" && document.body.innerText.includes("LIVE-UPDATE")');
  assert.equal(await page.evaluate('document.documentElement.dataset.bookLook'), 'print', 'the look is remembered by the tab');
  assert.ok(Math.abs(Number(await page.evaluate('window.scrollY')) - 600) < 5, 'the scroll position is kept');

  const intro = path.join(dir, 'manuscript/01-intro.md');
  const good = readFileSync(intro, 'utf8');
  writeFileSync(intro, good.replace('title: 들어가며', 'title: [들어가며'));
  await eventually(page, '!!document.querySelector("book-dev")?.shadowRoot?.getElementById("book-dev-overlay")');
  const overlay = String(await page.evaluate('document.querySelector("book-dev").shadowRoot.getElementById("book-dev-overlay").innerText'));
  assert.match(overlay, /manuscript\/01-intro\.md:\d+/);
  writeFileSync(intro, good);
  await eventually(page, 'document.readyState === "complete" && !!document.querySelector("book-dev")?.shadowRoot && !document.querySelector("book-dev").shadowRoot.getElementById("book-dev-overlay")');
});

/** The preview in a real browser: headless Chromium sees a save without anyone reloading the page. */
import assert from 'node:assert/strict';
import { appendFileSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer';
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

test('should update the open page after a save, keeping the look and the scroll position', { timeout: 60_000 }, async () => {
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
  await page.waitForFunction('document.documentElement.dataset.bookLive === "connected"', { timeout: 5000 });

  const shadow = await page.evaluateHandle('document.querySelector("book-dev").shadowRoot.getElementById("look")');
  await (shadow as unknown as { click(): Promise<void> }).click();
  assert.equal(await page.evaluate('document.documentElement.dataset.bookLook'), 'print');
  await page.evaluate('window.scrollTo(0, 600)');

  appendFileSync(chapter, '\n저장한 새 문장 LIVE-UPDATE.\n');
  await page.waitForFunction('document.body.innerText.includes("LIVE-UPDATE")', { timeout: 10_000 });
  await page.waitForFunction('document.readyState === "complete"');
  assert.equal(await page.evaluate('document.documentElement.dataset.bookLook'), 'print', 'the look is remembered by the tab');
  assert.ok(Math.abs(Number(await page.evaluate('window.scrollY')) - 600) < 5, 'the scroll position is kept');

  const intro = path.join(dir, 'manuscript/01-intro.md');
  const good = readFileSync(intro, 'utf8');
  writeFileSync(intro, good.replace('title: 들어가며', 'title: [들어가며'));
  await page.waitForFunction('!!document.querySelector("book-dev")?.shadowRoot?.getElementById("book-dev-overlay")', { timeout: 10_000 });
  const overlay = String(await page.evaluate('document.querySelector("book-dev").shadowRoot.getElementById("book-dev-overlay").innerText'));
  assert.match(overlay, /manuscript\/01-intro\.md:\d+/);
  writeFileSync(intro, good);
  await page.waitForFunction('!document.querySelector("book-dev")?.shadowRoot?.getElementById("book-dev-overlay")', { timeout: 10_000 });
});

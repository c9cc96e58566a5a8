/** End to end: `book dev` on a temporary copy of a fixture book, driven through files, HTTP and SSE. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { copyFixture, descendants, EventStream, startDevProcess, survivors } from './dev-harness.js';
import { pageText, squash } from './helpers/poppler.js';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Waits for reload events until `done` holds: a reload may still come from an earlier save (the
 * watcher looks at a saved file once more after chokidar's throttle window), so the first reload
 * after a change need not be the one that carries it. Fails when no such reload comes in 30 s.
 */
async function reloadUntil(events: EventStream, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await events.next('reload', Math.max(1, deadline - Date.now()));
    if (await done()) return;
  }
}

/** GETs a page of the preview. */
async function page(url: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

test('should rebuild on save, show and clear errors, drop deleted chapters, and exit cleanly on SIGINT', { timeout: 180_000 }, async (t) => {
  const dir = copyFixture('dev-book');
  dirs.push(dir);
  const dev = await startDevProcess(dir);
  const events = new EventStream(`${dev.url}_dev/events`);
  try {
    await events.next('hello');
    const contents = await page(dev.url);
    assert.match(contents.text, /세 번째 장/);

    await t.test('should serve chapters under their publication names as HTML', async () => {
      const chapter = await page(`${dev.url}ch02.xhtml`);
      assert.equal(chapter.status, 200);
      assert.match(chapter.type ?? '', /^text\/html/);
      assert.match(chapter.text, /docker run hello-world/);
      assert.match((await page(`${dev.url}ch01.xhtml`)).text, /href="ch02\.xhtml#details"/);
    });

    await t.test('should send a reload event after a save and serve the new text', async () => {
      appendFileSync(path.join(dir, 'manuscript/02-second.md'), '\n새로 쓴 문장 FRESH-TEXT.\n');
      await reloadUntil(events, async () => /FRESH-TEXT/.test((await page(`${dev.url}ch02.xhtml`)).text));
    });

    const intro = path.join(dir, 'manuscript/01-intro.md');
    const good = readFileSync(intro, 'utf8');
    await t.test('should show broken front matter as an overlay with file:line', async () => {
      writeFileSync(intro, good.replace('title: 들어가며', 'title: [들어가며'));
      await events.next('reload', 10_000, (data) => (data as { errors: number }).errors > 0);
      const html = (await page(`${dev.url}ch01.xhtml`)).text;
      assert.match(html, /id="book-dev-overlay"/);
      assert.match(html, /manuscript\/01-intro\.md:\d+:\d+: error: invalid front matter/);
    });

    await t.test('should remove the overlay once the file is fixed', async () => {
      writeFileSync(intro, good);
      await events.next('reload', 10_000, (data) => (data as { errors: number }).errors === 0);
      assert.doesNotMatch((await page(`${dev.url}ch01.xhtml`)).text, /id="book-dev-overlay"/);
    });

    await t.test('should drop a deleted chapter from the contents', async () => {
      unlinkSync(path.join(dir, 'manuscript/03-third.md'));
      await reloadUntil(events, async () => !/세 번째 장/.test((await page(dev.url)).text));
      assert.equal((await page(`${dev.url}ch03.xhtml`)).status, 404);
    });
  } finally {
    events.close();
  }

  const pid = dev.child.pid as number;
  const tree = [pid, ...descendants(pid)];
  // Ctrl-C in a terminal signals the whole foreground process group.
  process.kill(-pid, 'SIGINT');
  assert.equal(await dev.exited, 0, dev.output());
  assert.match(dev.output(), /Stopping the preview/);
  assert.deepEqual(await survivors(tree), [], 'no process of the tree is left');
});

test('should exit with status 0 on SIGTERM', { timeout: 120_000 }, async () => {
  const dir = copyFixture('dev-book');
  dirs.push(dir);
  const dev = await startDevProcess(dir);
  const tree = [dev.child.pid as number, ...descendants(dev.child.pid as number)];
  dev.child.kill('SIGTERM');
  assert.equal(await dev.exited, 0, dev.output());
  assert.match(dev.output(), /Stopping the preview/);
  assert.deepEqual(await survivors(tree), []);
});

test('should write the PDF on request with a warm Chromium and close it on SIGINT', { timeout: 240_000 }, async () => {
  const dir = copyFixture('dev-book');
  dirs.push(dir);
  const dev = await startDevProcess(dir);
  const build = async (): Promise<{ ok: boolean; message: string }> => (await fetch(`${dev.url}_dev/build?format=pdf`, { method: 'POST' })).json() as Promise<{ ok: boolean; message: string }>;
  const events = new EventStream(`${dev.url}_dev/events`);
  const first = await build();
  assert.ok(first.ok, first.message);
  assert.ok(existsSync(path.join(dir, 'dist', `${path.basename(dir)}.pdf`)) || /\.pdf/.test(first.message));
  appendFileSync(path.join(dir, 'manuscript/02-second.md'), '\nPDF 다시 만들기.\n');
  await events.next('reload');
  events.close();
  assert.ok((await build()).ok);

  // The page view: the chapter printed alone, with the edit, in a page that reloads itself.
  const view = await page(`${dev.url}_dev/pages/ch02.xhtml`);
  assert.match(view.text, /<iframe class="book-pages" src="\/_dev\/pages\/ch02\.pdf\?v=\d+"/);
  assert.match(view.text, /\/_dev\/live\.js/);
  const pages = await fetch(`${dev.url}_dev/pages/ch02.pdf`);
  assert.equal(pages.headers.get('content-type'), 'application/pdf');
  const pdf = path.join(dir, 'ch02-pages.pdf');
  writeFileSync(pdf, Buffer.from(await pages.arrayBuffer()));
  assert.match(squash(pageText(pdf, 1)), /두번째장/);
  assert.match(squash(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })), /PDF다시만들기/);
  assert.equal((await fetch(`${dev.url}_dev/pages/ch99.pdf`)).status, 404);

  const pid = dev.child.pid as number;
  const tree = descendants(pid);
  assert.ok(tree.length > 2, 'Chromium runs below the dev server');
  process.kill(-pid, 'SIGINT');
  assert.equal(await dev.exited, 0, dev.output());
  assert.deepEqual(await survivors(tree), [], 'Chromium and every other child are gone');
});

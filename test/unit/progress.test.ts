/** The progress line (progress.ts): redrawn in place on a terminal, a line every few seconds elsewhere, nothing under --quiet. */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { setQuiet } from '../../scripts/log.js';
import { Progress } from '../../scripts/progress.js';

/** A stream that records what is written, and a clock the test moves. */
function fakes(isTTY: boolean) {
  const written: string[] = [];
  let time = 0;
  return { out: { isTTY, write: (text: string) => written.push(text) }, written, clock: () => time, advance: (ms: number) => (time += ms) };
}

describe('progress.ts', () => {
  afterEach(() => setQuiet(false));

  test('should redraw one line in place on a terminal, with the time left, and clear it at the end', () => {
    const f = fakes(true);
    const progress = new Progress('PDF: printing chapters', 4, f.out, f.clock);
    f.advance(2000);
    progress.tick(1);
    f.advance(2000);
    progress.tick(2);
    progress.end();
    assert.deepEqual(f.written, ['\r\x1b[KPDF: printing chapters 1/4, about 6 s left', '\r\x1b[KPDF: printing chapters 2/4, about 4 s left', '\r\x1b[K']);
  });

  test('should write plain lines at most every three seconds elsewhere, and none for the last one', () => {
    const f = fakes(false);
    const progress = new Progress('PDF: printing chapters', 10, f.out, f.clock);
    for (let done = 1; done <= 10; done++) {
      f.advance(1000);
      progress.tick(done);
    }
    progress.end();
    assert.deepEqual(f.written, ['PDF: printing chapters 1/10, about 9 s left\n', 'PDF: printing chapters 4/10, about 6 s left\n', 'PDF: printing chapters 7/10, about 3 s left\n']);
  });

  test('should say nothing under --quiet', () => {
    const f = fakes(true);
    setQuiet(true);
    const progress = new Progress('PDF: printing chapters', 2, f.out, f.clock);
    progress.tick(1);
    progress.end();
    assert.deepEqual(f.written, []);
  });
});

/** How a tab's documents are cut into the bundles it prints as one PDF each (scripts/outputs/pdf/bundle.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundlesOf } from '../../scripts/outputs/pdf/bundle.js';

/** `n` documents of `chars` characters of HTML each, numbered. */
function documents(n: number, chars = 1000): { index: number; doc: { body: string } }[] {
  return Array.from({ length: n }, (_, index) => ({ index, doc: { body: 'x'.repeat(chars) } }));
}

describe('bundlesOf', () => {
  test('should keep a few documents together, in order', () => {
    assert.deepEqual(bundlesOf(documents(3)).map((b) => b.map((d) => d.index)), [[0, 1, 2]]);
  });

  test('should cut many documents into bundles of even size, none of them tiny', () => {
    assert.deepEqual(bundlesOf(documents(17)).map((b) => b.length), [9, 8]);
    assert.deepEqual(bundlesOf(documents(100)).map((b) => b.length), [15, 15, 15, 15, 15, 15, 10]);
    assert.deepEqual(bundlesOf(documents(100)).flat().map((d) => d.index), [...Array(100).keys()]);
  });

  test('should keep very long documents in bundles of their own size', () => {
    assert.deepEqual(bundlesOf(documents(5, 50_000)).map((b) => b.length), [2, 2, 1]);
    assert.deepEqual(bundlesOf(documents(3, 200_000)).map((b) => b.length), [1, 1, 1]);
  });
});

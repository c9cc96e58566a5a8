/** Hangul stretches in spans of their own for print justification (rehype-print-hangul-runs). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { unified } from 'unified';
import rehypePrintHangulRuns from '../../scripts/markdown/rehype-print-hangul-runs.js';

/** The HTML of `tree` after the pass. */
function run(tree: Root): string {
  return toHtml(unified().use(rehypePrintHangulRuns).runSync(tree) as Root);
}

describe('markdown/rehype-print-hangul-runs.ts', () => {
  test('should put Hangul with its spaces and punctuation in spans, and leave Latin words and numbers out of them', () => {
    const tree: Root = { type: 'root', children: [h('p', '예제는 Ubuntu 24.04 LTS와 Docker Engine 27.3.1에서 확인했습니다. (Docker)를 씁니다.')] };
    assert.equal(
      run(tree),
      '<p><span class="hangul">예제는 </span>Ubuntu 24.04 LTS<span class="hangul">와 </span>Docker Engine 27.3.1<span class="hangul">에서 확인했습니다. </span>(Docker)<span class="hangul">를 씁니다.</span></p>',
    );
  });

  test('should leave text without Hangul, code, formulas and drawings as they are', () => {
    const tree: Root = {
      type: 'root',
      children: [
        h('p', ['명령 ', h('code', 'echo 안녕'), h('strong', 'Docker Compose'), h('span', { className: ['katex'] }, '가'), h('svg', h('text', '서버'))]),
        h('pre', h('code', '# 주석')),
        h('p', 'Only English here.'),
      ],
    };
    assert.equal(
      run(tree),
      '<p><span class="hangul">명령 </span><code>echo 안녕</code><strong>Docker Compose</strong><span class="katex">가</span><svg><text>서버</text></svg></p><pre><code># 주석</code></pre><p>Only English here.</p>',
    );
  });

  test('should keep Han and kana with the Hangul around them, and full-width punctuation out of Latin runs', () => {
    const tree: Root = { type: 'root', children: [h('p', '가상화(假想化)는 VM（仮想）과 다릅니다')] };
    assert.equal(run(tree), '<p><span class="hangul">가상화(假想化)는 </span>VM<span class="hangul">（仮想）과 다릅니다</span></p>');
  });
});

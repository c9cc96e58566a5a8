/** The EPUB's accessibility metadata (outputs/epub/accessibility.ts): claims follow the content. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { accessibilityMetadata, contentFacts } from '../../scripts/outputs/epub/accessibility.js';

const described = h('img', { src: 'a.png', alt: 'A chart' });
const decorative = h('img', { src: 'b.png', alt: '', role: 'presentation' });
const bare = h('img', { src: 'c.png', alt: '' });
const drawing = h('figure', [h('svg', { role: 'img', ariaLabel: 'A diagram' }, [h('title', 'x')])]);
const formula = h('math', { alttext: 'E=mc^2' }, [h('mi', 'E')]);

describe('accessibilityMetadata', () => {
  test('should claim alternativeText only when every image has a text alternative or is marked presentational', () => {
    const good = contentFacts([[described, decorative, drawing] as ElementContent[]]);
    assert.deepEqual(good, { images: 3, imagesWithoutText: 0, formulas: 0, describedFormulas: 0 });
    assert.ok(accessibilityMetadata({}, good, 'en').features.includes('alternativeText'));
    const bad = contentFacts([[described], [bare]] as ElementContent[][]);
    assert.equal(bad.imagesWithoutText, 1);
    assert.ok(!accessibilityMetadata({}, bad, 'en').features.includes('alternativeText'));
  });

  test('should call text alone sufficient only when no image lacks a text alternative', () => {
    assert.deepEqual(accessibilityMetadata({}, contentFacts([[described, decorative]] as ElementContent[][]), 'en').accessModeSufficient, ['textual']);
    assert.deepEqual(accessibilityMetadata({}, contentFacts([[described], [bare]] as ElementContent[][]), 'en').accessModeSufficient, ['textual,visual']);
  });

  test('should say visual and MathML only when there are images and formulas', () => {
    const text = accessibilityMetadata({}, contentFacts([[h('p', 'words')] as ElementContent[]]), 'en');
    assert.deepEqual(text.accessMode, ['textual']);
    assert.deepEqual(text.features, ['structuralNavigation', 'tableOfContents', 'readingOrder']);
    const math = accessibilityMetadata({}, contentFacts([[formula, described] as ElementContent[]]), 'en');
    assert.deepEqual(math.accessMode, ['textual', 'visual']);
    assert.deepEqual(math.features.slice(3), ['alternativeText', 'MathML', 'describedMath']);
  });

  test('should write the summary in the book’s language, and keep the author’s values', () => {
    const facts = contentFacts([[described] as ElementContent[]]);
    assert.match(accessibilityMetadata({}, facts, 'ja').summary, /目次/);
    assert.match(accessibilityMetadata({}, facts, 'zh-TW').summary, /目錄/);
    assert.match(accessibilityMetadata({}, facts, 'zh-CN').summary, /目录/);
    assert.match(accessibilityMetadata({}, facts, 'ko').summary, /목차/);
    assert.match(accessibilityMetadata({}, facts, 'fr').summary, /table of contents/);
    const own = accessibilityMetadata({ summary: 'Mine.', features: ['tableOfContents'], accessMode: ['textual'] }, facts, 'ko');
    assert.deepEqual([own.summary, own.features, own.accessMode], ['Mine.', ['tableOfContents'], ['textual']]);
  });
});

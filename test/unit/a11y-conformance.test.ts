/**
 * The book's own accessibility checks: empty Markdown alt texts (markdown/remark-image-alt.ts),
 * the language of parts (markdown/rehype-lang-tags.ts, outputs/xhtml.ts), the conformance claim
 * and its certifier (outputs/epub/accessibility.ts), and their settings in book.yaml.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { loadConfig } from '../../scripts/config/load.js';
import { Diagnostics, problem } from '../../scripts/diagnostics.js';
import rehypeLangTags, { isWellFormedLanguageTag } from '../../scripts/markdown/rehype-lang-tags.js';
import remarkImageAlt from '../../scripts/markdown/remark-image-alt.js';
import { conformanceOf, conformanceProblems, contentFacts, defaultConformance } from '../../scripts/outputs/epub/accessibility.js';
import { xhtmlFragment } from '../../scripts/outputs/xhtml.js';
import { plain, runRehype, runRemark, tempTree, toHast } from './helpers.js';

describe('remark-image-alt', () => {
  test('should report a Markdown image whose alt is empty or blank, at its line, as image-alt', () => {
    const { file } = runRemark('# T\n\n![](a.png)\n\n![ ][logo]\n\n![A chart](b.png)\n\n[logo]: c.png\n', [remarkImageAlt]);
    assert.deepEqual(
      file.messages.map((m) => [m.line, m.ruleId, m.fatal]),
      [
        [3, 'image-alt', false],
        [5, 'image-alt', false],
      ],
    );
    assert.match(file.messages[0]?.reason ?? '', /^image "a\.png" has no alt text: .*role="presentation"/);
    assert.match(file.messages[1]?.reason ?? '', /^image "\[logo\]" has no alt text/);
  });

  test('should leave alone an image that a plugin of the book marks decorative, and raw HTML', () => {
    /** A book's own plugin that marks every image decorative, as an attribute-syntax plugin would. */
    const decorate = () => (tree: import('mdast').Root) => {
      for (const p of tree.children) if (p.type === 'paragraph') for (const c of p.children) if (c.type === 'image') c.data = { hProperties: { role: 'presentation' } };
    };
    assert.deepEqual(runRemark('![](a.png)\n', [decorate, remarkImageAlt]).file.messages, []);
    assert.deepEqual(runRemark('<img src="a.png" alt="">\n', [remarkImageAlt]).file.messages, []);
  });
});

describe('rehype-lang-tags and xml:lang', () => {
  test('should accept well-formed BCP 47 tags and refuse malformed ones', () => {
    for (const tag of ['en', 'fr-CA', 'zh-Hant-TW', 'sr-Latn', 'es-419', 'de-CH-1901', 'x-klingon', 'i-klingon', 'en-a-bbb-x-a-ccc', 'zh-yue']) assert.ok(isWellFormedLanguageTag(tag), tag);
    for (const tag of ['en_US', '12', 'englishlanguage', 'e', 'en-', 'en-a-bb-a-cc', 'ko KR']) assert.ok(!isWellFormedLanguageTag(tag), tag);
  });

  test('should keep a good lang, and remove a malformed one with a warning at its line that suggests the fix', () => {
    const { tree, file } = toHast('# T\n\nSay <span lang="fr">oui</span>.\n\nA <span lang="en_US">bad</span> and <i lang="12">worse</i> tag.\n\n<div lang="">unknown</div>\n');
    const html = runRehype(tree, file, [rehypeLangTags]);
    assert.match(html, /<span lang="fr">oui<\/span>/);
    assert.match(html, /<span>bad<\/span>/);
    assert.match(html, /<div lang="">/);
    assert.deepEqual(file.messages.map((m) => [m.line, m.ruleId]), [[5, 'lang-tag'], [5, 'lang-tag']]);
    assert.match(file.messages[0]?.reason ?? '', /removed lang="en_US" from <span>: .*did you mean lang="en-US"\?/);
    assert.match(file.messages[1]?.reason ?? '', /removed lang="12" from <i>: it is not a well-formed BCP 47 language tag \(such as/);
  });

  test('should write every lang of the EPUB’s XHTML as xml:lang too', () => {
    const xhtml = xhtmlFragment([h('p', [h('span', { lang: 'ja' }, '日本語')]), h('div', { lang: 'de-CH' }, [h('p', 'Grüezi')])]);
    assert.match(xhtml, /<span lang="ja" xml:lang="ja">/);
    assert.match(xhtml, /<div lang="de-CH" xml:lang="de-CH">/);
  });
});

describe('conformance claim', () => {
  const described = [[h('img', { src: 'a.png', alt: 'A chart' }), h('img', { src: 'b.png', alt: '', role: 'presentation' })]] as ElementContent[][];
  const bare = [[h('img', { src: 'a.png', alt: '' })]] as ElementContent[][];

  test('should claim WCAG 2.2 AA, with the named certifier, only when the checks pass', () => {
    assert.deepEqual(conformanceOf({}, conformanceProblems(contentFacts(described), [])), { conformsTo: defaultConformance });
    const certified = conformanceOf({ certifiedBy: { name: 'Checkers', credential: 'Gold' } }, []);
    assert.deepEqual(certified, { conformsTo: defaultConformance, certifier: { name: 'Checkers', credential: 'Gold' } });
    assert.deepEqual(conformanceOf({ certifiedBy: 'Checkers' }, []).certifier, { name: 'Checkers' });
  });

  test('should leave the claim and the certifier out and say why: images without text, the build’s warnings', () => {
    const warnings = [problem('warning', 'heading without text', { ruleId: 'empty-heading' }), problem('info', 'x', { ruleId: 'lang-tag' }), problem('warning', 'y', { ruleId: 'broken-link' })];
    const problems = conformanceProblems(contentFacts(bare), warnings);
    assert.deepEqual(problems, ['1 image without a text alternative', '1 heading without text']);
    assert.deepEqual(conformanceOf({}, problems), {
      note: { severity: 'info', message: `EPUB: the metadata makes no accessibility conformance claim ("${defaultConformance}"): the book has 1 image without a text alternative, 1 heading without text` },
    });
    const named = conformanceOf({ certifiedBy: 'Checkers' }, problems);
    assert.equal(named.conformsTo, undefined);
    assert.equal(named.certifier, undefined);
    assert.equal(named.note?.severity, 'warning');
    assert.match(named.note?.message ?? '', /and names no certifier \(Checkers\)/);
  });

  test('should make no claim on a language the tool guessed from the text', () => {
    assert.deepEqual(conformanceProblems(contentFacts(described), [], 'fr'), ['a language guessed from its text (fr; write language: in book.yaml)']);
    const root = tempTree({ 'manuscript/book.yaml': 'title: T\nauthor: A\nidentifier: urn:uuid:0b6c3d1e-5a7f-4c2b-8e9d-1f2a3b4c5d6e\n', 'manuscript/01.md': '# 제목\n\n한국어 본문입니다.\n' });
    const guessed = loadConfig(root, new Diagnostics());
    assert.deepEqual([guessed.language, guessed.languageGuessed], ['ko', true]);
    fs.writeFileSync(path.join(root, 'manuscript', 'book.yaml'), 'title: T\nauthor: A\nlanguage: ko\nidentifier: urn:uuid:0b6c3d1e-5a7f-4c2b-8e9d-1f2a3b4c5d6e\n');
    assert.equal(loadConfig(root, new Diagnostics()).languageGuessed, undefined);
  });

  test('should let the author’s own claim win, with a warning when the checks contradict it, and false claim nothing', () => {
    const own = 'EPUB Accessibility 1.1 - WCAG 2.1 Level A';
    assert.deepEqual(conformanceOf({ conformsTo: own }, []), { conformsTo: own });
    const contradicted = conformanceOf({ conformsTo: own }, ['1 heading without text']);
    assert.equal(contradicted.conformsTo, own);
    assert.equal(contradicted.note?.severity, 'warning');
    assert.deepEqual(conformanceOf({ conformsTo: false }, []), {});
  });

  test('should read accessibility.certifiedBy and conformsTo from book.yaml, and report bad values at their lines', () => {
    const required = 'title: T\nauthor: A\nlanguage: en\nidentifier: urn:uuid:0b6c3d1e-5a7f-4c2b-8e9d-1f2a3b4c5d6e\n';
    const good = new Diagnostics();
    const config = loadConfig(tempTree({ 'manuscript/book.yaml': `${required}accessibility:\n  conformsTo: false\n  certifiedBy:\n    name: Checkers\n    credential: Gold\n` }), good);
    assert.deepEqual(good.list, []);
    assert.deepEqual([config.accessibility.conformsTo, config.accessibility.certifiedBy], [false, { name: 'Checkers', credential: 'Gold' }]);
    const bad = new Diagnostics();
    assert.throws(() => loadConfig(tempTree({ 'manuscript/book.yaml': `${required}accessibility:\n  conformsTo: WCAG AA\n  certifiedBy:\n    names: Checkers\n` }), bad));
    const errors = bad.list.map(plain).map((d) => [d.file, d.line, d.message.split(':')[0]]);
    assert.deepEqual(errors, [
      ['manuscript/book.yaml', 6, 'accessibility.conformsTo'],
      ['manuscript/book.yaml', 8, 'accessibility.certifiedBy'],
    ]);
  });
});

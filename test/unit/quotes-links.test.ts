/** Typographic quotes (remark-quotes) and links on paper (rehype-print-url-links), with their book.yaml setting. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../scripts/config/load.js';
import { Diagnostics } from '../../scripts/diagnostics.js';
import rehypeFootnotes from '../../scripts/markdown/rehype-footnotes.js';
import rehypePrintUrlLinks, { type UrlLinksOptions } from '../../scripts/markdown/rehype-print-url-links.js';
import remarkQuotes, { convertQuotes, quoteMarksFor, type QuoteMarks } from '../../scripts/markdown/remark-quotes.js';
import { mdastToHtml, plain, runRemark, runRehype, tempTree, toHast } from './helpers.js';

describe('markdown/remark-quotes.ts', () => {
  const korean = quoteMarksFor('ko-KR') as QuoteMarks;

  /** The HTML of `markdown` after the pass, for a book in `language`. */
  function quoted(markdown: string, language = 'ko'): string {
    return mdastToHtml(runRemark(markdown, [[remarkQuotes, { language }]]).tree);
  }

  test('should turn straight double and single quotes in Korean prose into “ ” and ‘ ’', () => {
    assert.equal(convertQuotes('그는 "도커는 도구입니다"라고 말했다.', korean), '그는 “도커는 도구입니다”라고 말했다.');
    assert.equal(convertQuotes("'이미지'와 '컨테이너'를 구별합니다.", korean), '‘이미지’와 ‘컨테이너’를 구별합니다.');
    assert.equal(convertQuotes('("도커")', korean), '(“도커”)');
  });

  test('should make an apostrophe inside or after a Latin word ’, and nest single quotes in double ones', () => {
    assert.equal(convertQuotes("It's the users' dockerfile, don't edit it.", korean), 'It’s the users’ dockerfile, don’t edit it.');
    assert.equal(convertQuotes('"He said \'hi\' twice"', korean), '“He said ‘hi’ twice”');
    assert.equal(convertQuotes("the '90s", korean), 'the ’90s');
    assert.equal(convertQuotes("'Docker'의 뜻", korean), '‘Docker’의 뜻');
  });

  test('should open a quote right after CJK text, which puts no space before it', () => {
    assert.equal(convertQuotes('他说"你好"。', quoteMarksFor('zh-CN') as QuoteMarks), '他说“你好”。');
  });

  test('should leave inch and foot marks after digits straight', () => {
    assert.equal(convertQuotes('a 5\'11" shelf', korean), 'a 5\'11" shelf');
  });

  test("should follow the language's marks, and leave languages it has none for as written", () => {
    assert.equal(quoted('Er sagte "Haus" und \'Maus\'.', 'de'), '<p>Er sagte „Haus“ und ‚Maus‘.</p>');
    assert.equal(quoted('Он сказал "дом".', 'ru'), '<p>Он сказал «дом».</p>');
    assert.equal(quoted('Il a dit "maison".', 'fr'), '<p>Il a dit "maison".</p>');
  });

  test('should keep straight quotes in code, raw HTML, attributes and written-out addresses', () => {
    const html = quoted(
      [
        '명령은 `echo "hello"`처럼 "따옴표"를 씁니다. <span title="a \'b\'">"안"</span> ![a "b"](x.png "c \'d\'")',
        '',
        '```sh',
        'docker run --name \'web\' -e MESSAGE="hi" nginx',
        '```',
        '',
        "https://example.com/it's 와 [\"문서\"](https://example.com \"it's\")",
      ].join('\n'),
    );
    assert.match(html, /<code>echo "hello"<\/code>처럼 “따옴표”를/);
    assert.match(html, /<span title="a 'b'">“안”<\/span>/);
    assert.match(html, /alt="a &#x22;b&#x22;" title="c &#x27;d&#x27;"/);
    assert.match(html, /docker run --name 'web' -e MESSAGE="hi" nginx/);
    assert.match(html, />https:\/\/example\.com\/it's<\/a>/);
    assert.match(html, /title="it&#x27;s">“문서”<\/a>/);
  });

  test('should pair quotes across emphasis and links, and in headings and table cells', () => {
    assert.equal(quoted('"*강조*된 [링크](https://a.io)"'), '<p>“<em>강조</em>된 <a href="https://a.io">링크</a>”</p>');
    assert.match(quoted('# "따옴표" 제목\n\n| "칸" |\n|---|\n| \'값\' |'), /<h1>“따옴표” 제목<\/h1>[^]*<th>“칸”<\/th>[^]*<td>‘값’<\/td>/);
  });
});

describe('markdown/rehype-print-url-links.ts', () => {
  /** The print HTML of `markdown` with footnotes made as in a build, then the pass with `options`. */
  function printed(markdown: string, options: UrlLinksOptions): string {
    const { tree, file } = toHast(markdown);
    return runRehype(tree, file, [[rehypeFootnotes, { label: '각주', backLabel: '본문으로' }], [rehypePrintUrlLinks, options]]);
  }

  test('should print an external address after its text, in parentheses glued to the Korean particle', () => {
    const html = printed('[공식 도커 문서](https://docs.docker.com/)를 읽어 보세요.', { language: 'ko' });
    assert.match(
      html,
      /<a href="https:\/\/docs\.docker\.com\/">공식 도커 문서<\/a><span class="link-address">\(<a href="https:\/\/docs\.docker\.com\/" class="url">.*<\/a><\/span><span class="link-address-end"><span class="link-address">\)<\/span>를<\/span> 읽어/,
    );
    assert.match(printed('the [Docker docs](https://docs.docker.com/), then', { language: 'en' }), /Docker docs<\/a> <span class="link-address">\(/);
  });

  test('should break a written-out address only after / . - _ ?, each run of those marks kept together', () => {
    const html = printed('https://a.io/b-c_d?e=f', {});
    const parts = [...html.matchAll(/<span class="url-part">([^<]*)<\/span>/g)].map((m) => m[1]);
    assert.deepEqual(parts, ['https://', 'a.', 'io/', 'b-', 'c_', 'd?', 'e=f']);
    assert.equal((html.match(/<wbr>/g) ?? []).length, parts.length - 1);
    assert.match(html, /<a href="https:\/\/a\.io\/b-c_d\?e=f" class="url">/);
  });

  test('should add nothing to links inside the book, links that show their address, headings and code', () => {
    const html = printed('# [제목](https://a.io/x)\n\n[다음 장](other.xhtml#x), [docs.docker.com](https://docs.docker.com/), <https://a.io>\n\n```\n[x](https://a.io)\n```', {});
    assert.doesNotMatch(html, /link-address/);
  });

  test('should print nothing with none', () => {
    assert.doesNotMatch(printed('[문서](https://docs.docker.com/)', { addresses: 'none' }), /link-address|docs\.docker\.com\/"[^>]*class="url"/);
  });

  test("should put addresses among the chapter's notes, numbered in reading order with the author's, one note per address", () => {
    const html = printed('[허브](https://hub.docker.com/) 문장.[^n] 다시 [허브](https://hub.docker.com/).\n\n[^n]: 원래 있던 각주.', { addresses: 'footnote', labels: { footnotes: '각주', backToText: '본문으로' } });
    const refs = [...html.matchAll(/<a href="#([^"]+)" id="[^"]+" epub:type="noteref" role="doc-noteref">(\d+)<\/a>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(refs, [
      ['link-note-1', '1'],
      ['fn-n', '2'],
      ['link-note-1', '1'],
    ]);
    const notes = [...html.matchAll(/<aside id="([^"]+)"[^>]*><p><a [^>]*class="footnote-number"[^>]*>(\d+)\.<\/a>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(notes, [
      ['link-note-1', '1'],
      ['fn-n', '2'],
    ]);
  });

  test('should make a notes list for a chapter that has none', () => {
    const html = printed('[문서](https://docs.docker.com/)', { addresses: 'footnote', labels: { footnotes: '각주', backToText: '본문으로' } });
    assert.match(html, /<section class="footnotes" epub:type="footnotes" role="doc-endnotes"><h2 class="footnotes-title">각주<\/h2><aside id="link-note-1"/);
  });
});

describe('book.yaml print.linkAddresses', () => {
  const required = 'title: 책\nauthor: 저자\nlanguage: ko\nidentifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n';

  test('should default to after and accept footnote and none', () => {
    const load = (yaml: string) => loadConfig(tempTree({ 'manuscript/book.yaml': yaml }), new Diagnostics()).print.linkAddresses;
    assert.equal(load(required), 'after');
    assert.equal(load(`${required}print:\n  linkAddresses: footnote\n`), 'footnote');
    assert.equal(load(`${required}print:\n  linkAddresses: none\n`), 'none');
  });

  test('should report another value at its line', () => {
    const diagnostics = new Diagnostics();
    assert.throws(() => loadConfig(tempTree({ 'manuscript/book.yaml': `${required}print:\n  linkAddresses: inline\n` }), diagnostics));
    assert.deepEqual(
      diagnostics.list.map(plain).map((d) => [d.message, d.line]),
      [["print.linkAddresses: must be after (the address in parentheses after the link's text), footnote (a note in the chapter's notes) or none", 6]],
    );
  });
});

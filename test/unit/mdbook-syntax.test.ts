/** mdBook's syntax: include ranges and anchors, directives and their errors, hidden lines, info strings. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { labelsFor } from '../../scripts/config/labels.js';
import { loadConfig } from '../../scripts/config/load.js';
import { Diagnostics, messageDiagnostics } from '../../scripts/diagnostics.js';
import { decodeManuscript } from '../../scripts/manuscript/decode.js';
import { expandDirectives } from '../../scripts/manuscript/include-directives.js';
import { parseSelection, takeLines, takeRustdocLines } from '../../scripts/manuscript/line-selection.js';
import { loadManuscript } from '../../scripts/manuscript/load.js';
import { ManuscriptParser } from '../../scripts/manuscript/parse.js';
import { parseInfo } from '../../scripts/markdown/remark-code-info.js';
import { visibleLine } from '../../scripts/markdown/remark-rust-hidden-lines.js';
import { plain, tempTree } from './helpers.js';

const listing = ['// ANCHOR: all', 'one', 'two', '// ANCHOR: inner', 'three', '// ANCHOR_END: inner', 'four', '// ANCHOR_END: all', ''].join('\n');

describe('manuscript/line-selection.ts', () => {
  test('should read ranges as mdBook does: 1-based, inclusive, `:N` one line', () => {
    assert.deepEqual(parseSelection(undefined), { kind: 'lines', start: 0 });
    assert.deepEqual(parseSelection('3'), { kind: 'lines', start: 2, end: 3 });
    assert.deepEqual(parseSelection('2:4'), { kind: 'lines', start: 1, end: 4 });
    assert.deepEqual(parseSelection('2:'), { kind: 'lines', start: 1 });
    assert.deepEqual(parseSelection(':4'), { kind: 'lines', start: 0, end: 4 });
    assert.deepEqual(parseSelection('0'), { kind: 'lines', start: 0, end: 1 });
    assert.deepEqual(parseSelection('main'), { kind: 'anchor', name: 'main' });
  });

  test('should take line ranges, leaving anchor lines out', () => {
    const lines = 'a\nb\nc\nd\ne\n';
    assert.equal(takeLines(lines, parseSelection('2')), 'b');
    assert.equal(takeLines(lines, parseSelection('2:4')), 'b\nc\nd');
    assert.equal(takeLines(lines, parseSelection('4:')), 'd\ne');
    assert.equal(takeLines(lines, parseSelection(':2')), 'a\nb');
    assert.equal(takeLines(lines, parseSelection(undefined)), 'a\nb\nc\nd\ne');
    assert.equal(takeLines(listing, parseSelection('1:3')), 'one\ntwo');
    assert.equal(takeLines(listing, parseSelection(undefined)), 'one\ntwo\nthree\nfour');
  });

  test('should take an anchor, nested anchors\' lines left out, and say when it is missing', () => {
    assert.equal(takeLines(listing, parseSelection('inner')), 'three');
    assert.equal(takeLines(listing, parseSelection('all')), 'one\ntwo\nthree\nfour');
    assert.equal(takeLines('# ANCHOR: 한글_이름\nx\n', parseSelection('한글_이름')), 'x');
    assert.equal(takeLines(listing, parseSelection('nowhere')), undefined);
  });

  test('should hide the lines outside the selection for rustdoc_include', () => {
    assert.equal(takeRustdocLines(listing, parseSelection('inner')), '# one\n# two\nthree\n# four');
    assert.equal(takeRustdocLines('a\nb\nc\n', parseSelection('2')), '# a\nb\n# c');
    assert.equal(takeRustdocLines(listing, parseSelection('nowhere')), undefined);
  });
});

/** Expands `file` of a book folder made of `files`, reading with the tool's decoder. */
function expand(files: Record<string, string>, file = 'book/ch.md') {
  const dir = tempTree(files);
  const root = path.join(dir, 'book');
  const read = (f: string) => decodeManuscript(fs.readFileSync(f), 'ko');
  const expanded = expandDirectives(files[file] as string, path.join(dir, file), { root, read });
  return { ...expanded, problems: messageDiagnostics(expanded.problems, undefined, root).map(plain) };
}

describe('manuscript/include-directives.ts', () => {
  test('should include files relative to the including file, nested includes too, inside code fences', () => {
    const { text, problems } = expand({
      'book/ch.md': '# T\n\n```rust\n{{#include ../book/listings/a.rs:2}}\n```\n\n{{#include parts/p.md}}\n',
      'book/listings/a.rs': 'first\nsecond\n',
      'book/parts/p.md': 'Part: {{ #include ../listings/a.rs:1 }}',
    });
    assert.deepEqual(problems, []);
    assert.equal(text, '# T\n\n```rust\nsecond\n```\n\nPart: first\n');
  });

  test('should keep an escaped directive as written, without the backslash', () => {
    const { text, problems } = expand({ 'book/ch.md': 'See `\\{{#include x.rs}}` and \\{{#title y}}.\n' });
    assert.equal(text, 'See `{{#include x.rs}}` and {{#title y}}.\n');
    assert.deepEqual(problems, []);
  });

  test('should take the title, make a playground block, and keep other `{{#…}}` (Handlebars) as written', () => {
    const { text, title, problems } = expand({
      'book/ch.md': '{{#title  제목 하나 }}\n{{#playground p.rs editable}}\n{{#each items}}\n',
      'book/p.rs': 'fn main() {}',
    });
    assert.equal(title, '제목 하나');
    assert.equal(text, '\n```rust,editable\nfn main() {}\n```\n\n{{#each items}}\n');
    assert.deepEqual(problems, []);
  });

  test('should map every expanded line to the chapter line it came from', () => {
    const { text, origins } = expand({ 'book/ch.md': 'a\n  {{#include l.txt}}\nb\n{{#include l.txt:2}}\nc\n', 'book/l.txt': 'x\ny\nz\n' });
    assert.equal(text, 'a\n  x\ny\nz\nb\ny\nc\n');
    assert.deepEqual(origins, [{ line: 1 }, { line: 2 }, { line: 2, column: 3 }, { line: 2, column: 3 }, { line: 3 }, { line: 4 }, { line: 5 }, { line: 6 }]);
  });

  test('should report a missing file, a missing anchor and a range past the end at the directive', () => {
    const { problems } = expand({
      'book/ch.md': 'text\n\n```rust\n{{#include nope.rs}}\n{{#include a.rs:gone}}\n  {{#include a.rs:9}}\n```\n',
      'book/a.rs': '// ANCHOR: here\nx\n// ANCHOR_END: here\n',
    });
    assert.deepEqual(problems, [
      { severity: 'error', message: 'cannot include nope.rs: there is no file nope.rs', file: 'ch.md', line: 4, column: 1 },
      { severity: 'error', message: 'cannot include a.rs: it has no anchor "gone" (ANCHOR: … / ANCHOR_END: …)', file: 'ch.md', line: 5, column: 1 },
      { severity: 'warning', message: 'a.rs: line 9 selects nothing, the file has 3 lines', file: 'ch.md', line: 6, column: 3 },
    ]);
  });

  test('should refuse a file outside the book folder', () => {
    const { text, problems } = expand({ 'book/ch.md': '# T\n{{#include ../secret.txt}}\n', 'secret.txt': 'SECRET' });
    assert.doesNotMatch(text, /SECRET/);
    assert.deepEqual(problems, [{ severity: 'error', message: 'cannot include ../secret.txt: it leaves the book folder', file: 'ch.md', line: 2, column: 1 }]);
  });

  test('should report a cycle at the directive that closes it, in the file that holds it', () => {
    const { problems } = expand({
      'book/ch.md': '# T\n\n{{#include a.md}}\n',
      'book/a.md': 'A\n{{#include sub/b.md}}\n',
      'book/sub/b.md': 'B\n\nB again\n{{#include ../a.md}}\n',
    });
    assert.deepEqual(problems, [{ severity: 'error', message: 'cannot include ../a.md: the includes go round in a circle (a.md → sub/b.md → a.md)', file: 'sub/b.md', line: 4, column: 1 }]);
  });

  test('should report a problem of a nested include in the included file, at its line', () => {
    const { problems } = expand({ 'book/ch.md': '# T\n{{#include a.md}}\n', 'book/a.md': 'one\ntwo\n{{#include missing.md}}\n' });
    assert.deepEqual(problems, [{ severity: 'error', message: 'cannot include missing.md: there is no file missing.md', file: 'a.md', line: 3, column: 1 }]);
  });
});

describe('manuscript/parse.ts with includes', () => {
  const labels = labelsFor('ko');

  test('should point later messages at the chapter file: included lines at their directive', () => {
    const dir = tempTree({
      'ch.md': '# T\n\n{{#include part.md}}\n\n{% liquid after %}\n',
      'part.md': 'one\n\ntwo\n\n{% liquid inside %}\n',
    });
    const parsed = new ManuscriptParser(labels, { root: dir }).parse(path.join(dir, 'ch.md'));
    assert.deepEqual(
      parsed.messages.map((m) => [m.line, m.column, m.reason.slice(0, 27)]),
      [
        [3, 1, 'removed the Liquid tag {% l'],
        [5, 1, 'removed the Liquid tag {% l'],
      ],
    );
    assert.deepEqual(parsed.includes.map((i) => path.basename(i.file)), ['part.md']);
  });

  test('should parse a file again when a file it includes changed, and only then', () => {
    const dir = tempTree({ 'ch.md': '# T\n\n```rust\n{{#include a.rs}}\n```\n', 'a.rs': 'fn old() {}\n' });
    const file = path.join(dir, 'ch.md');
    const parser = new ManuscriptParser(labels, { keep: true, root: dir });
    const first = parser.parse(file);
    assert.equal(parser.parse(file), first);
    fs.writeFileSync(path.join(dir, 'a.rs'), 'fn new() {}\n');
    const second = parser.parse(file);
    assert.notEqual(second, first);
    assert.notEqual(second.hash, first.hash, 'the chapter memo keys on this hash');
    assert.match(toHtml(second.chapters[0]?.tree ?? { type: 'root', children: [] }), /new/);
  });

  test('should parse a file again when a missing included file appears', () => {
    const dir = tempTree({ 'ch.md': '# T\n\n{{#include later.md}}\n' });
    const file = path.join(dir, 'ch.md');
    const parser = new ManuscriptParser(labels, { keep: true, root: dir });
    assert.deepEqual(parser.parse(file).messages.map((m) => m.fatal), [true]);
    fs.writeFileSync(path.join(dir, 'later.md'), 'LATER\n');
    const again = parser.parse(file);
    assert.deepEqual(again.messages, []);
    assert.match(toHtml(again.chapters[0]?.tree ?? { type: 'root', children: [] }), /LATER/);
  });
});

describe('markdown/remark-code-info.ts', () => {
  test('should take the language word out of the info strings books write', () => {
    const cases: [string, string | undefined, string | undefined][] = [
      ['rust', 'rust', undefined],
      ['rust,ignore', 'rust', 'ignore'],
      ['rust,noplayground,should_panic', 'rust', 'noplayground,should_panic'],
      ['{.python .numberLines}', 'python', '{ .numberLines}'],
      ['js title="app.js"', 'js', 'title="app.js"'],
      ['python {linenos=true}', 'python', '{linenos=true}'],
      ['{r chunk, echo=FALSE}', 'r', '{ chunk, echo=FALSE}'],
    ];
    for (const [info, language, meta] of cases) assert.deepEqual([parseInfo(info).language, parseInfo(info).meta], [language, meta], info);
    assert.equal(parseInfo('js title="app.js"').attributes.get('title'), 'app.js');
    assert.equal(parseInfo("{.py filename='x y.py'}").attributes.get('filename'), 'x y.py');
    assert.equal(parseInfo('python {linenos=true}').attributes.get('linenos'), 'true');
  });
});

describe('markdown/remark-rust-hidden-lines.ts', () => {
  test('should hide `# ` and `#` lines, unescape `##`, keep attributes', () => {
    assert.equal(visibleLine('# fn main() {'), undefined);
    assert.equal(visibleLine('    # let x = 1;'), undefined);
    assert.equal(visibleLine('#'), undefined);
    assert.equal(visibleLine('##[doc]'), '#[doc]');
    assert.equal(visibleLine('#[derive(Debug)]'), '#[derive(Debug)]');
    assert.equal(visibleLine('#![allow(unused)]'), '#![allow(unused)]');
    assert.equal(visibleLine('let x = 1; # not at the start'), 'let x = 1; # not at the start');
  });
});

describe('manuscript/unknown-languages.ts (through loadManuscript)', () => {
  test('should warn once per unknown language for the whole book, with the count, at its first block', async () => {
    const block = (lang: string) => `\`\`\`${lang}\ncode\n\`\`\`\n`;
    const root = tempTree({
      'manuscript/book.yaml': 'title: T\nauthor: A\nlanguage: ko\nidentifier: urn:uuid:3b1f6c2e-8d4a-4f5b-9c7e-1a2b3c4d5e6f\n',
      'manuscript/01.md': `# A\n\n${block('solidity')}\n${block('rust,ignore')}\n${block('solidity')}`,
      'manuscript/02.md': `# B\n\n${block('solidity')}\n${block('befunge')}`,
    });
    const diagnostics = new Diagnostics();
    await loadManuscript(loadConfig(root, diagnostics), diagnostics);
    assert.deepEqual(
      diagnostics.list.filter((d) => /highlight/i.test(d.reason)).map(plain),
      [
        { severity: 'warning', message: 'cannot highlight `solidity`: the highlighter does not know this language, printed plain (in 3 code blocks)', file: 'manuscript/01.md', line: 3, column: 1 },
        { severity: 'warning', message: 'cannot highlight `befunge`: the highlighter does not know this language, printed plain (in 1 code block)', file: 'manuscript/02.md', line: 7, column: 1 },
      ],
    );
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { listSources as listSourcesOf } from '../scripts/manuscript/sources.js';
import { plain } from './unit/helpers.js';

/** The chapter files and problems, the problems as plain facts for deepEqual. */
function listSources(...args: Parameters<typeof listSourcesOf>) {
  const { sources, problems, order } = listSourcesOf(...args);
  return { sources, problems: problems.map(plain), order };
}

const made: string[] = [];

/** Writes a manuscript folder holding `files` (relative path -> content) and returns its path. */
function book(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sources-test-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Chapter paths as book.yaml lists them, each on its own line (from line 2). */
function listed(paths: string[]): { path: string; line: number }[] {
  return paths.map((p, i) => ({ path: p, line: i + 2 }));
}

after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe('listSources with a metadata chapter list', () => {
  it('keeps the metadata order, even when a SUMMARY.md exists', () => {
    const dir = book({
      'a.md': '# A',
      'c.md': '# C',
      'part1/x.md': '# X',
      'SUMMARY.md': '- [A](a.md)\n',
    });
    assert.deepEqual(listSources(dir, listed(['c.md', 'a.md', 'part1/x.md'])), {
      sources: [
        { file: path.join(dir, 'c.md'), depth: 0 },
        { file: path.join(dir, 'a.md'), depth: 0 },
        { file: path.join(dir, 'part1/x.md'), depth: 0 },
      ],
      problems: [{ severity: 'warning', message: 'book.yaml lists the chapters, so SUMMARY.md is not used', file: path.join(dir, 'SUMMARY.md') }],
      order: 'metadata',
    });
  });

  it('reports missing, escaping, duplicate and non-Markdown entries against book.yaml', () => {
    const dir = book({ 'a.md': '# A', 'cover.png': '' });
    const yaml = path.join(dir, 'book.yaml');
    assert.deepEqual(listSources(dir, listed(['a.md', 'gone.md', 'a.md/inside-a-file.md', '../../etc/passwd', '/etc/hosts.md', 'a.md', 'cover.png'])), {
      sources: [{ file: path.join(dir, 'a.md'), depth: 0 }],
      problems: [
        { severity: 'error', message: '"gone.md" does not exist', file: yaml, line: 3 },
        { severity: 'error', message: '"a.md/inside-a-file.md" does not exist', file: yaml, line: 4 },
        { severity: 'error', message: '"../../etc/passwd" leaves the book folder', file: yaml, line: 5 },
        { severity: 'error', message: '"/etc/hosts.md" leaves the book folder', file: yaml, line: 6 },
        { severity: 'warning', message: '"a.md" is listed twice; only its first entry is kept', file: yaml, line: 7 },
        { severity: 'warning', message: '"cover.png" is not a Markdown file (.md or .markdown); skipped', file: yaml, line: 8 },
      ],
      order: 'metadata',
    });
  });

  it('reports an empty book when no listed chapter can be used', () => {
    const dir = book({ 'a.md': '# A' });
    assert.deepEqual(listSources(dir, listed(['gone.md'])).problems, [
      { severity: 'error', message: '"gone.md" does not exist', file: path.join(dir, 'book.yaml'), line: 2 },
      { severity: 'error', message: 'No chapters were found: none of the chapters listed in book.yaml can be used', file: dir },
      { severity: 'warning', message: '1 Markdown file(s) not in the chapters list of book.yaml, so not in the book: a.md', file: dir },
    ]);
  });
});

describe('listSources with SUMMARY.md', () => {
  it('reads an mdBook summary: prefix, parts, nesting, drafts, suffix and problems with lines', () => {
    const summary = [
      '# Summary', // 1
      '', // 2
      '[Introduction](README.md)', // 3
      '', // 4
      '# Getting Started', // 5
      '', // 6
      '- [Install](part1/install.md)', // 7
      '  - [On Linux](part1/linux%20setup.md#top)', // 8
      '  - [Draft]()', // 9
      '- [Run](part1/run.md)', // 10
      '', // 11
      '# Reference', // 12
      '', // 13
      '1. [Missing](ref/missing.md)', // 14
      '2. [Commands](ref/commands.md)', // 15
      '3. [Escape](../../etc/passwd)', // 16
      '4. [Install again](part1/install.md)', // 17
      '5. [Diagram](images/a.png)', // 18
      '', // 19
      '---', // 20
      '', // 21
      '[Contributors](contributors.md)', // 22
      '',
    ].join('\n');
    const dir = book({
      'SUMMARY.md': summary,
      'README.md': '# Intro',
      'part1/install.md': '# Install',
      'part1/linux setup.md': '# Linux',
      'part1/run.md': '# Run',
      'ref/commands.md': '# Commands',
      'images/a.png': '',
      'contributors.md': '# Contributors',
      'unlisted.md': '# Not in the summary',
    });
    const summaryFile = path.join(dir, 'SUMMARY.md');
    assert.deepEqual(listSources(dir, undefined), {
      sources: [
        { file: path.join(dir, 'README.md'), title: 'Introduction', depth: 0, outsideParts: true },
        { file: path.join(dir, 'part1/install.md'), title: 'Install', depth: 0, partTitle: 'Getting Started' },
        { file: path.join(dir, 'part1/linux setup.md'), title: 'On Linux', depth: 1 },
        { file: path.join(dir, 'part1/run.md'), title: 'Run', depth: 0 },
        // The part's first entry is missing, so the part opens with the next chapter that exists.
        { file: path.join(dir, 'ref/commands.md'), title: 'Commands', depth: 0, partTitle: 'Reference' },
        // A suffix chapter: after the last part, in none.
        { file: path.join(dir, 'contributors.md'), title: 'Contributors', depth: 0, outsideParts: true },
      ],
      problems: [
        { severity: 'warning', message: '"Draft" has no file yet (draft chapter); skipped', file: summaryFile, line: 9, column: 5 },
        { severity: 'error', message: '"ref/missing.md" does not exist', file: summaryFile, line: 14, column: 4 },
        { severity: 'error', message: '"../../etc/passwd" leaves the book folder', file: summaryFile, line: 16, column: 4 },
        {
          severity: 'warning',
          message: '"part1/install.md" is listed twice; only its first entry is kept',
          file: summaryFile,
          line: 17,
          column: 4,
        },
        {
          severity: 'warning',
          message: '"images/a.png" is not a Markdown file (.md or .markdown); skipped',
          file: summaryFile,
          line: 18,
          column: 4,
        },
        { severity: 'warning', message: '1 Markdown file(s) not in SUMMARY.md, so not in the book: unlisted.md', file: dir },
      ],
      order: 'summary',
    });
  });

  it('reads a GitBook summary with `## Part` headings and leaves an unlisted README.md out', () => {
    const summary = [
      '# Table of contents',
      '',
      '* [Preface](preface.md)',
      '',
      '## Part I',
      '',
      '* [Basics](part1/basics.md)',
      '    * [Images](part1/images.md)',
      '        * [Layers](part1/layers.md)',
      '',
      '## Part II',
      '',
      '* [Compose](part2/compose.md)',
      '',
    ].join('\n');
    const dir = book({
      'SUMMARY.md': summary,
      'README.md': '# About this repository',
      'preface.md': '',
      'part1/basics.md': '',
      'part1/images.md': '',
      'part1/layers.md': '',
      'part2/compose.md': '',
    });
    assert.deepEqual(listSources(dir, undefined), {
      sources: [
        { file: path.join(dir, 'preface.md'), title: 'Preface', depth: 0 },
        { file: path.join(dir, 'part1/basics.md'), title: 'Basics', depth: 0, partTitle: 'Part I' },
        { file: path.join(dir, 'part1/images.md'), title: 'Images', depth: 1 },
        { file: path.join(dir, 'part1/layers.md'), title: 'Layers', depth: 2 },
        { file: path.join(dir, 'part2/compose.md'), title: 'Compose', depth: 0, partTitle: 'Part II' },
      ],
      problems: [],
      order: 'summary',
    });
  });

  it('decodes link paths, ignores fragments and keeps a link written right above `---`', () => {
    const summary = [
      '[시작하며](%EC%8B%9C%EC%9E%91.md)',
      '---',
      '',
      '- [도커란](1장/도커란.md#개요)',
      '- [Notes](<my notes.md>)',
      '- [Site](https://example.com/book.md)',
      '- Plain text',
      '',
    ].join('\n');
    const dir = book({ 'SUMMARY.md': summary, '시작.md': '', '1장/도커란.md': '', 'my notes.md': '' });
    const summaryFile = path.join(dir, 'SUMMARY.md');
    assert.deepEqual(listSources(dir, undefined), {
      sources: [
        { file: path.join(dir, '시작.md'), title: '시작하며', depth: 0, outsideParts: true },
        { file: path.join(dir, '1장/도커란.md'), title: '도커란', depth: 0 },
        { file: path.join(dir, 'my notes.md'), title: 'Notes', depth: 0 },
      ],
      problems: [
        {
          severity: 'warning',
          message: '"https://example.com/book.md" is a web address, not a chapter file; skipped',
          file: summaryFile,
          line: 6,
          column: 3,
        },
        { severity: 'warning', message: '"Plain text" has no link to a chapter file; skipped', file: summaryFile, line: 7, column: 3 },
      ],
      order: 'summary',
    });
  });

  it('warns about a part title with no chapter under it', () => {
    const dir = book({ 'SUMMARY.md': '# Summary\n\n# Empty Part\n\n# Real Part\n\n- [A](a.md)\n', 'a.md': '# A' });
    const { sources, problems } = listSources(dir, undefined);
    assert.deepEqual(sources, [{ file: path.join(dir, 'a.md'), title: 'A', depth: 0, partTitle: 'Real Part' }]);
    assert.deepEqual(problems, [{ severity: 'warning', message: 'the part "Empty Part" has no chapter under it; left out', file: path.join(dir, 'SUMMARY.md'), line: 3, column: 1 }]);
  });

  it('reports an empty book when the summary holds only drafts', () => {
    const dir = book({ 'SUMMARY.md': '# Summary\n\n- [Later]()\n', 'a.md': '' });
    assert.deepEqual(listSources(dir, undefined), {
      sources: [],
      problems: [
        {
          severity: 'warning',
          message: '"Later" has no file yet (draft chapter); skipped',
          file: path.join(dir, 'SUMMARY.md'),
          line: 3,
          column: 3,
        },
        { severity: 'error', message: 'No chapters were found: SUMMARY.md lists no usable chapter file', file: dir },
        { severity: 'warning', message: '1 Markdown file(s) not in SUMMARY.md, so not in the book: a.md', file: dir },
      ],
      order: 'summary',
    });
  });
});

describe('listSources by file name', () => {
  it('sorts naturally by path segment and skips hidden, private and tooling files', () => {
    const dir = book({
      '10-end.md': '',
      '2-middle.md': '',
      '1-start.md': '',
      'intro-2.md': '',
      'intro.md': '',
      'part1/ch10.md': '',
      'part1/ch2.md': '',
      'part1/ch1.md': '',
      'part1/SUMMARY.md': '',
      'part10/z.md': '',
      'part2.md': '',
      'Appendix.markdown': '',
      'README.md': '',
      'notes.txt': '',
      '.hidden.md': '',
      '.git/x.md': '',
      '_drafts/idea.md': '',
      '_private.md': '',
      'node_modules/pkg/readme.md': '',
    });
    const { sources, problems, order } = listSources(dir, undefined);
    assert.deepEqual(
      sources.map((s) => path.relative(dir, s.file)),
      [
        '1-start.md',
        '2-middle.md',
        '10-end.md',
        'Appendix.markdown',
        'intro.md',
        'intro-2.md',
        'part1/ch1.md',
        'part1/ch2.md',
        'part1/ch10.md',
        'part2.md',
        'part10/z.md',
        'README.md',
      ].map((p) => path.normalize(p)),
    );
    assert.deepEqual(sources[0], { file: path.join(dir, '1-start.md'), depth: 0 });
    assert.deepEqual(problems, []);
    assert.equal(order, 'file-name');
  });

  it('treats README.md as an ordinary chapter when there is no SUMMARY.md', () => {
    const dir = book({ 'README.md': '', 'b.md': '' });
    assert.deepEqual(listSources(dir, undefined).sources, [
      { file: path.join(dir, 'b.md'), depth: 0 },
      { file: path.join(dir, 'README.md'), depth: 0 },
    ]);
  });

  it('reports an error on the manuscript folder when it holds no chapter', () => {
    const dir = book({ 'notes.txt': '', '_drafts/a.md': '' });
    assert.deepEqual(listSources(dir, undefined), {
      sources: [],
      problems: [{ severity: 'error', message: 'No chapters were found: add .md files to the manuscript folder', file: dir }],
      order: 'file-name',
    });
  });
});

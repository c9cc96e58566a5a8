import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { loadConfig } from '../../scripts/config/load.js';
import { Diagnostics } from '../../scripts/diagnostics.js';
import { loadManuscript } from '../../scripts/manuscript/load.js';
import { ManuscriptParser } from '../../scripts/manuscript/parse.js';

/** A two-chapter book in a fresh temporary folder; chapter two links to a heading of chapter one. */
function book(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'load-'));
  fs.mkdirSync(path.join(root, 'manuscript'));
  fs.writeFileSync(path.join(root, 'manuscript', 'book.yaml'), 'title: 책\nauthor: 저자\nlanguage: ko\nidentifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n');
  fs.writeFileSync(path.join(root, 'manuscript', '01-a.md'), '# 하나\n\n## 개요\n\n첫 문단.\n');
  fs.writeFileSync(path.join(root, 'manuscript', '02-b.md'), '# 둘\n\n## 개요\n\n[앞 장](01-a.md#개요)\n');
  return root;
}

/** Loads the book with a kept parser, failing on any error. */
async function load(root: string, parser: ManuscriptParser) {
  const diagnostics = new Diagnostics();
  const manuscript = await loadManuscript(loadConfig(root, diagnostics), diagnostics, parser);
  assert.equal(diagnostics.failed(false), false, JSON.stringify(diagnostics.list));
  return manuscript;
}

describe('manuscript/load.ts with a kept parser', () => {
  test('should reuse an unchanged chapter and redo only the edited one', async () => {
    const root = book();
    const parser = new ManuscriptParser({ ...loadConfig(root, new Diagnostics()).labels }, { keep: true });
    const first = await load(root, parser);
    fs.writeFileSync(path.join(root, 'manuscript', '01-a.md'), '# 하나\n\n## 개요\n\n고친 문단.\n');
    const second = await load(root, parser);
    assert.notEqual(second.chapters[0]?.tree, first.chapters[0]?.tree);
    assert.equal(second.chapters[1]?.tree, first.chapters[1]?.tree);
    assert.match(toHtml(second.chapters[0]?.tree ?? { type: 'root', children: [] }), /고친 문단/);
  });

  test('should redo the links of other chapters when a heading they point to moves', async () => {
    const root = book();
    const parser = new ManuscriptParser(loadConfig(root, new Diagnostics()).labels, { keep: true });
    const first = await load(root, parser);
    assert.match(toHtml(first.chapters[1]?.tree ?? { type: 'root', children: [] }), /href="ch01.xhtml#개요"/);
    fs.writeFileSync(path.join(root, 'manuscript', '01-a.md'), '# 하나\n\n## 소개\n\n## 개요\n');
    const second = await load(root, parser);
    // Chapter one's "개요" keeps its id; chapter two's own "개요" still gets "개요-1".
    assert.match(toHtml(second.chapters[1]?.tree ?? { type: 'root', children: [] }), /href="ch01.xhtml#개요"/);
    assert.match(toHtml(second.chapters[1]?.tree ?? { type: 'root', children: [] }), /id="개요-1"/);
    fs.writeFileSync(path.join(root, 'manuscript', '01-a.md'), '# 하나\n\n## 개관\n');
    const diagnostics = new Diagnostics();
    const third = await loadManuscript(loadConfig(root, diagnostics), diagnostics, parser);
    // The anchor is gone from chapter one: chapter two's own "개요" now takes the plain id, and the link is reported.
    assert.match(toHtml(third.chapters[1]?.tree ?? { type: 'root', children: [] }), /id="개요"/);
    assert.ok(diagnostics.list.some((d) => d.message.startsWith('broken link "01-a.md#개요"')), JSON.stringify(diagnostics.list));
  });

  test('should give a redone chapter ids that do not clash with those of the reused chapters before it', async () => {
    const root = book();
    const parser = new ManuscriptParser(loadConfig(root, new Diagnostics()).labels, { keep: true });
    const first = await load(root, parser);
    fs.writeFileSync(path.join(root, 'manuscript', '02-b.md'), '# 둘\n\n## 개요\n\n[앞 장](01-a.md#개요), 고친 문단.\n');
    const second = await load(root, parser);
    assert.equal(second.chapters[0]?.tree, first.chapters[0]?.tree, 'chapter one is reused');
    const html = toHtml(second.chapters[1]?.tree ?? { type: 'root', children: [] });
    assert.match(html, /id="개요-1"/);
    assert.match(html, /고친 문단/);
  });

  test('should parse again a file whose bytes changed though its size and modification time did not', async () => {
    const root = book();
    const parser = new ManuscriptParser(loadConfig(root, new Diagnostics()).labels, { keep: true });
    const file = path.join(root, 'manuscript', '01-a.md');
    // A whole second, which setting the time back restores exactly (a tool that keeps times, `cp -p`).
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    await load(root, parser);
    const before = fs.statSync(file);
    fs.writeFileSync(file, '# 하나\n\n## 개요\n\n둘 문단.\n');
    fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
    const after = fs.statSync(file);
    assert.deepEqual([after.size, after.mtimeMs, after.ino], [before.size, before.mtimeMs, before.ino]);
    const second = await load(root, parser);
    assert.match(toHtml(second.chapters[0]?.tree ?? { type: 'root', children: [] }), /둘 문단/);
  });

  test('should reuse the numbered captions of unchanged chapters, and number again when an earlier file gains a table', async () => {
    const root = book();
    const manuscript = path.join(root, 'manuscript');
    // 02-b.md is nested under 01-a.md: its numbers go on from its parent's.
    fs.writeFileSync(path.join(manuscript, 'SUMMARY.md'), '- [하나](01-a.md)\n  - [둘](02-b.md)\n');
    const table = (caption: string): string => `| 가 | 나 |\n|---|---|\n| 1 | 2 |\n\nTable: ${caption}\n`;
    fs.writeFileSync(path.join(manuscript, '01-a.md'), `# 하나\n\n${table('첫 표')}`);
    fs.writeFileSync(path.join(manuscript, '02-b.md'), `# 둘\n\n${table('둘째 표')}`);
    const parser = new ManuscriptParser(loadConfig(root, new Diagnostics()).labels, { keep: true });
    /** The text of a chapter's captions. */
    const captions = (tree: Root | undefined): string[] => [...toHtml(tree ?? { type: 'root', children: [] }).matchAll(/<caption>(.*?)<\/caption>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));
    const first = await load(root, parser);
    assert.deepEqual(captions(first.chapters[1]?.tree), ['표 1-2 둘째 표']);
    const again = await load(root, parser);
    assert.equal(again.chapters[1]?.tree, first.chapters[1]?.tree, 'the numbered tree is reused');
    fs.writeFileSync(path.join(manuscript, '01-a.md'), `# 하나\n\n${table('첫 표')}\n${table('새 표')}`);
    const third = await load(root, parser);
    assert.deepEqual(captions(third.chapters[0]?.tree), ['표 1-1 첫 표', '표 1-2 새 표']);
    assert.deepEqual(captions(third.chapters[1]?.tree), ['표 1-3 둘째 표']);
    assert.deepEqual(captions(first.chapters[1]?.tree), ['표 1-2 둘째 표'], 'the earlier tree is left as it was');
  });

  test("should leave the parser's cached trees untouched", async () => {
    const root = book();
    const parser = new ManuscriptParser(loadConfig(root, new Diagnostics()).labels, { keep: true });
    await load(root, parser);
    await load(root, parser);
    const cached = parser.parse(path.join(root, 'manuscript', '02-b.md'));
    assert.doesNotMatch(toHtml(cached.chapters[0]?.tree ?? { type: 'root', children: [] }), /id=|ch01\.xhtml/);
  });
});

describe('manuscript/load.ts with nothing to publish', () => {
  test('should refuse a book whose files are all empty, after a warning naming each', async () => {
    const root = book();
    fs.writeFileSync(path.join(root, 'manuscript', '01-a.md'), '');
    fs.writeFileSync(path.join(root, 'manuscript', '02-b.md'), '---\ntitle: 둘\n---\n');
    const diagnostics = new Diagnostics();
    await assert.rejects(loadManuscript(loadConfig(root, diagnostics), diagnostics), /the book has no chapters: every file in manuscript\/ is empty/);
    assert.deepEqual(
      diagnostics.list.map((d) => d.file),
      ['manuscript/01-a.md', 'manuscript/02-b.md'],
    );
  });
});

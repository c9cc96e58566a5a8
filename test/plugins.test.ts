/**
 * The book's own unified plugins (book.yaml `remarkPlugins`, `rehypePlugins`): a remark plugin
 * changes every output, a rehype plugin limited to print changes the PDF only, and mistakes are
 * reported at their line in book.yaml.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { diagnosticLines, removeTempDirs, runCli, tempDir } from './helpers/cli.js';
import { openEpub } from './helpers/epub.js';

after(removeTempDirs);

/** A two-plugin book; `yamlExtra` is appended to its book.yaml. */
function pluginBook(yamlExtra: string): string {
  const dir = path.join(tempDir(), 'plugins-book');
  const files: Record<string, string> = {
    'manuscript/book.yaml': `title: 플러그인\nauthor: 저자\nlanguage: ko\nidentifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n${yamlExtra}`,
    'manuscript/01.md': '# 첫 장\n\n본문 TODO 문장.\n',
    // Replaces the word TODO in the Markdown text with the options' word.
    'plugins/remark-todo.mjs': `export default function remarkTodo(options = {}) {
  return (tree) => {
    const walk = (node) => { if (node.type === 'text') node.value = node.value.replace('TODO', options.word ?? 'DONE'); (node.children ?? []).forEach(walk); };
    walk(tree);
  };
}\n`,
    // Adds a paragraph saying where it ran.
    'plugins/rehype-stamp.mjs': `export default function rehypeStamp() {
  return (tree) => { tree.children.push({ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: 'PRINTSTAMP' }] }); };
}\n`,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("the book's own plugins", () => {
  it('should run a remark plugin for every output and a print-scoped rehype plugin for the PDF only', async () => {
    const dir = pluginBook('remarkPlugins:\n  - use: ./plugins/remark-todo.mjs\n    options: { word: FINISHED }\nrehypePlugins:\n  - use: ./plugins/rehype-stamp.mjs\n    scope: print\n');
    const run = await runCli(['build', dir]);
    assert.equal(run.code, 0, run.stderr);
    const epub = await openEpub(path.join(dir, 'dist', 'plugins-book.epub'));
    const chapter = epub.entries.get('OEBPS/ch01.xhtml')?.toString('utf8') ?? '';
    assert.match(chapter, /본문 FINISHED 문장/);
    assert.doesNotMatch(chapter, /PRINTSTAMP/, 'the print pass stays out of the EPUB');
    const text = execFileSync('pdftotext', [path.join(dir, 'dist', 'plugins-book.pdf'), '-'], { encoding: 'utf8' });
    assert.match(text, /FINISHED/);
    assert.match(text, /PRINTSTAMP/);
  });

  it('should report a missing plugin and a remark plugin limited to one output at their lines', async () => {
    const dir = pluginBook('remarkPlugins:\n  - use: ./plugins/remark-todo.mjs\n    scope: epub\nrehypePlugins:\n  - ./plugins/none.mjs\n');
    const run = await runCli(['build', dir, '--format', 'epub']);
    assert.equal(run.code, 1);
    const found = diagnosticLines(run.stderr).filter((d) => d.file === path.join('manuscript', 'book.yaml'));
    assert.ok(found.some((d) => d.line === 6 && /remark plugin runs once for every output/.test(d.message)), run.stderr);
    assert.ok(found.some((d) => d.line === 9 && /none\.mjs does not exist/.test(d.message)), run.stderr);
    assert.deepEqual(fs.existsSync(path.join(dir, 'dist')) ? fs.readdirSync(path.join(dir, 'dist')) : [], []);
  });
});

/** The command line's arguments, run through the npm scripts' launcher as authors run it. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { listFiles, removeTempDirs, runCli, tempDir } from './helpers/cli.js';

after(removeTempDirs);

describe('book build DIR', () => {
  it('should refuse an empty DIR instead of building the book in the current folder', async () => {
    const cwd = tempDir();
    fs.mkdirSync(path.join(cwd, 'manuscript'));
    fs.writeFileSync(path.join(cwd, 'manuscript', 'one.md'), '# One\n\nText.\n');
    const result = await runCli(['build', '', '--format', 'epub'], { cwd });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /book folder argument DIR is empty/);
    assert.deepEqual(listFiles(path.join(cwd, 'dist')), []);
  });

  it('should name a DIR that does not exist, or a file that is not Markdown', async () => {
    const missing = await runCli(['build', 'no-such-book']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /the book folder "no-such-book" does not exist/);
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'notes');
    const notBook = await runCli(['dev', file]);
    assert.equal(notBook.code, 1);
    assert.match(notBook.stderr, /notes\.txt is not a book: give a folder or a Markdown file/);
  });

  it('should say that a folder with no Markdown in any layout is not a book', async () => {
    const result = await runCli(['build', tempDir()]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /is not a book folder: it has no manuscript\/ folder, book\.toml, book\.json, SUMMARY\.md or Markdown file/);
  });
});

describe('book build --quiet', () => {
  it('should print only the problems and the outputs written', async () => {
    const dir = path.join(tempDir(), 'quiet-book');
    fs.mkdirSync(path.join(dir, 'manuscript'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'manuscript', 'book.yaml'), 'title: T\nauthor: A\nlanguage: en\nidentifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\n');
    fs.writeFileSync(path.join(dir, 'manuscript', 'one.md'), '# One\n\n![missing](gone.png)\n');
    const result = await runCli(['build', dir, '--format', 'epub', '--quiet']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stderr.trim().split('\n');
    assert.match(lines[0] ?? '', /^manuscript\/one\.md:3:1: warning: image "gone\.png" left out/);
    assert.equal(lines.length, 3, result.stderr);
    assert.equal(lines[1], '0 error(s), 1 warning(s)');
    assert.match(lines[2] ?? '', /dist\/quiet-book\.epub {2}\d+(\.\d)? KB$/);
  });
});

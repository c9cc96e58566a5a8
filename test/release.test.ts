/**
 * The release gate, `build --release`: a book that would ship a placeholder for an image, a broken
 * link, an image without alt text, no identifier or ISBN, or a font the PDF does not embed fails,
 * naming every problem with its place and writing nothing; a complete book builds as it would
 * without the flag. The accessibility metadata of a book whose image is a placeholder claims no image.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Diagnostics, problem } from '../scripts/diagnostics.js';
import { releaseBlockers, releaseNote } from '../scripts/release.js';
import { copyFixture, lineOf, listFiles, removeTempDirs, runCli, type CliResult } from './helpers/cli.js';
import { openEpub, type OpenedEpub } from './helpers/epub.js';
import { attr, elements, NS, text } from './helpers/xml.js';

/** One problem line the CLI printed: place (line 0 when it has none), severity, message and rule id. */
interface Printed {
  file: string;
  line: number;
  severity: string;
  message: string;
  rule: string;
}

/** The problem lines of a run's stderr that carry a rule id, whether or not they have a line. */
function problems(run: CliResult): Printed[] {
  return run.stderr.split('\n').flatMap((l) => {
    const m = /^(.+?)(?::(\d+)(?::\d+)?)?: (error|warning|info): (.*) \[([\w-]+)\]$/.exec(l);
    return m ? [{ file: m[1] as string, line: Number(m[2] ?? 0), severity: m[3] as string, message: m[4] as string, rule: m[5] as string }] : [];
  });
}

/** The schema.org accessibility values of an EPUB's package document for `property`. */
function schema(book: OpenedEpub, property: string): string[] {
  return elements(book.opf, NS.opf, 'meta')
    .filter((m) => attr(m, 'property') === `schema:${property}`)
    .map(text);
}

const first = path.join('manuscript', '01-first.md');

describe('Diagnostics.escalate', () => {
  it('makes the warnings of the release rules errors, recorded before or after, and copies shared ones', () => {
    const diagnostics = new Diagnostics();
    diagnostics.warn('broken link "a.md"', 'ch.md', 3, 1, 'broken-link');
    diagnostics.warn('a stray character', 'ch.md', 4, 1, 'invisible-character');
    diagnostics.escalate(releaseBlockers, releaseNote);
    // A cached message, as a chapter replayed from the parse cache brings.
    const cached = problem('warning', 'image "x.png" has no alt text', { file: 'ch.md', line: 5, ruleId: 'image-alt' });
    diagnostics.add([cached]);
    diagnostics.info('identifier: not set; using urn:isbn:…', 'book.yaml', undefined, undefined, 'identifier-from-isbn');
    assert.deepEqual(
      diagnostics.list.map((d) => [d.fatal, d.line, d.reason]),
      [
        [true, 3, `broken link "a.md"; ${releaseNote}`],
        [false, 4, 'a stray character'],
        [true, 5, `image "x.png" has no alt text; ${releaseNote}`],
        [undefined, undefined, 'identifier: not set; using urn:isbn:…'],
      ],
    );
    assert.equal(cached.fatal, false, 'the cached warning was changed');
  });
});

describe('release-blocked/: a placeholder image and a broken link', () => {
  after(removeTempDirs);

  it('--release fails naming both and the Type 3 font of another chapter, and writes nothing to dist/', async () => {
    const dir = copyFixture('release-blocked');
    // The system's Noto Sans CJK KR (CFF outlines) is what Chromium embeds as Type 3: the PDF is still
    // rendered under --release, so its font check joins the list.
    fs.writeFileSync(path.join(dir, 'manuscript', '03-system-font.md'), "# 시스템 글꼴\n\n본문 속의 <span style=\"font-family: 'Noto Sans CJK KR'\">한글</span>입니다.\n");
    const run = await runCli(['build', dir, '--release']);
    assert.equal(run.code, 1, run.stderr);
    const source = path.join(dir, first);
    const errors = problems(run).filter((p) => p.severity === 'error');
    assert.deepEqual(
      errors.map((p) => [p.file, p.line, p.rule]),
      [
        [first, lineOf(source, 'http://127.0.0.1:9/diagram.png'), 'image-missing'],
        [first, lineOf(source, '(appendix.md)'), 'broken-link'],
        [path.join('manuscript', '03-system-font.md'), 1, 'unprintable-font'],
      ],
      run.stderr,
    );
    assert.match(errors[0]?.message ?? '', /^image "http:\/\/127\.0\.0\.1:9\/diagram\.png" left out: .*a placeholder shows its alt text; this blocks a release \(--release\)$/);
    assert.match(errors[1]?.message ?? '', /^broken link "appendix\.md": .*; this blocks a release \(--release\)$/);
    assert.match(run.stderr, /nothing was written/);
    assert.deepEqual(listFiles(path.join(dir, 'dist')), []);
  });

  describe('without --release', () => {
    let dir: string;
    let run: CliResult;
    let book: OpenedEpub;
    before(async () => {
      dir = copyFixture('release-blocked');
      run = await runCli(['build', dir]);
      assert.equal(run.code, 0, run.stderr);
      book = await openEpub(path.join(dir, 'dist', 'release-blocked.epub'));
    });

    it('builds both outputs, with a warning at each problem', () => {
      assert.deepEqual(listFiles(path.join(dir, 'dist')).filter((f) => /\.(epub|pdf)$/.test(f)).sort(), ['release-blocked.epub', 'release-blocked.pdf']);
      const blockers = problems(run).filter((p) => p.rule === 'image-missing' || p.rule === 'broken-link');
      assert.deepEqual(blockers.map((p) => [p.file, p.severity, p.rule]), [[first, 'warning', 'image-missing'], [first, 'warning', 'broken-link']], run.stderr);
      assert.ok(blockers.every((p) => !p.message.includes('release')), run.stderr);
    });

    it('shows the missing image as text, and claims neither images nor text alternatives for it', () => {
      const chapter = book.parse('ch01.xhtml');
      const placeholder = elements(chapter, NS.xhtml, 'span').find((s) => attr(s, 'class') === 'image-missing');
      assert.ok(placeholder, 'no placeholder');
      assert.match(text(placeholder), /서버 구성도/);
      assert.equal(attr(placeholder, 'role'), '', 'a placeholder announced as an image');
      assert.deepEqual(schema(book, 'accessMode'), ['textual']);
      assert.deepEqual(schema(book, 'accessModeSufficient'), ['textual']);
      assert.deepEqual(schema(book, 'accessibilityFeature').filter((f) => f === 'alternativeText'), []);
      assert.doesNotMatch(schema(book, 'accessibilitySummary')[0] ?? '', /그림/);
    });
  });
});

describe('release-ready/: local images with alt text, working links, an ISBN', () => {
  let dir: string;
  let run: CliResult;
  before(async () => {
    dir = copyFixture('release-ready');
    run = await runCli(['build', dir, '--release']);
  });
  after(removeTempDirs);

  it('--release writes both outputs, with no error or warning', async () => {
    assert.equal(run.code, 0, run.stderr);
    for (const name of ['release-ready.epub', 'release-ready.pdf']) assert.ok(fs.statSync(path.join(dir, 'dist', name)).size > 0, name);
    assert.deepEqual(problems(run).filter((p) => p.severity !== 'info'), [], run.stderr);
    const book = await openEpub(path.join(dir, 'dist', 'release-ready.epub'));
    assert.deepEqual(elements(book.opf, NS.dc, 'identifier').map(text), ['urn:isbn:9780306406157']);
    assert.deepEqual(schema(book, 'accessMode').sort(), ['textual', 'visual']);
    assert.deepEqual(schema(book, 'accessModeSufficient'), ['textual']);
    assert.ok(schema(book, 'accessibilityFeature').includes('alternativeText'));
  });

  it('builds the same EPUB as a build without --release', async () => {
    const released = fs.readFileSync(path.join(dir, 'dist', 'release-ready.epub'));
    const plain = await runCli(['build', dir, '--format', 'epub']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.ok(fs.readFileSync(path.join(dir, 'dist', 'release-ready.epub')).equals(released));
  });
});

describe('release-incomplete/: neither identifier nor isbn, and an image without alt text', () => {
  after(removeTempDirs);

  it('--release fails naming book.yaml and the image, and writes nothing to dist/', async () => {
    const dir = copyFixture('release-incomplete');
    const run = await runCli(['build', dir, '--release']);
    assert.equal(run.code, 1, run.stderr);
    const chapter = path.join('manuscript', '01-only.md');
    const errors = problems(run).filter((p) => p.severity === 'error');
    assert.deepEqual(
      errors.map((p) => [p.file, p.line, p.rule]),
      [
        [chapter, lineOf(path.join(dir, chapter), '<img'), 'image-alt'],
        [path.join('manuscript', 'book.yaml'), 0, 'missing-identifier'],
      ],
      run.stderr,
    );
    assert.match(errors[1]?.message ?? '', /^identifier: not set; .*set identifier or isbn before publishing.*; this blocks a release \(--release\)$/);
    assert.match(run.stderr, /build failed: 2 problem\(s\) that block a release \(--release\): nothing was written/);
    assert.deepEqual(listFiles(path.join(dir, 'dist')), []);
  });

  it('refuses --release for the dev server, which publishes nothing', async () => {
    const run = await runCli(['dev', copyFixture('release-incomplete'), '--release']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /--release is an option of build/);
  });
});

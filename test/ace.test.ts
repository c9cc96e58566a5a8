/**
 * Ace by DAISY on every fixture book that builds (and on the repository's own book): each is built
 * as an EPUB once, in `before`, then checked by Ace, two at a time. Ace's findings are axe-core
 * rules on the content documents (labels, contrast, alt text, ...) plus its EPUB metadata checks;
 * a book must have none, of any impact.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ace, formatViolations, type AceViolation } from './helpers/ace.js';
import { copyFixture, copySampleBook, diagnosticLines, fixturesDir, listFiles, mapLimit, removeTempDirs, runCli, tempDir } from './helpers/cli.js';
import { openEpub } from './helpers/epub.js';
import { epubcheck, formatMessages, type EpubcheckResult } from './helpers/epubcheck.js';
import { attr, elements, NS, text } from './helpers/xml.js';

// Books whose build is meant to fail (their tests are in epub.test.ts).
const failing = new Set(['bad-metadata', 'escape']);
const names = [...fs.readdirSync(fixturesDir).filter((name) => !failing.has(name) && fs.statSync(path.join(fixturesDir, name)).isDirectory()), 'sample'];

/** One book after its build and checks. */
interface Checked {
  dir: string;
  build: { code: number | null; stderr: string };
  epub: string;
  violations: AceViolation[];
  epubcheck: EpubcheckResult | undefined;
}
const checked = new Map<string, Checked>();

/** A one-chapter book in a temporary folder whose image has no alt attribute (raw HTML). */
function bookWithoutAlt(): string {
  const dir = path.join(tempDir(), 'no-alt');
  fs.mkdirSync(path.join(dir, 'manuscript', 'images'), { recursive: true });
  fs.copyFileSync(path.join(fixturesDir, 'accessibility', 'manuscript', 'images', 'chart.png'), path.join(dir, 'manuscript', 'images', 'chart.png'));
  fs.writeFileSync(path.join(dir, 'manuscript', 'book.yaml'), 'title: Alt text\nauthor: A. Author\nlanguage: en\naccessibility:\n  hazards: [noFlashingHazard]\n');
  fs.writeFileSync(path.join(dir, 'manuscript', '01-chart.md'), '# Chart\n\nA described chart: ![Sales doubled in 2024](images/chart.png)\n\n<img src="images/chart.png">\n');
  return dir;
}

/** The values of the OPF's `<meta property="...">` elements of a built book. */
async function metaValues(name: string): Promise<(property: string) => string[]> {
  const book = checked.get(name);
  assert.ok(book?.epub, `${name} has no EPUB`);
  const metas = elements((await openEpub(book.epub)).opf, NS.opf, 'meta');
  return (property) => metas.filter((m) => attr(m, 'property') === property).map(text);
}

describe('Ace by DAISY on the fixture books', () => {
  before(async () => {
    await mapLimit([...names, 'no-alt'], 2, async (name) => {
      const dir = name === 'sample' ? copySampleBook() : name === 'no-alt' ? bookWithoutAlt() : copyFixture(name);
      const build = await runCli(['build', dir, '--format', 'epub']);
      const epub = listFiles(path.join(dir, 'dist')).find((f) => f.endsWith('.epub'));
      const file = epub ? path.join(dir, 'dist', epub) : '';
      const [violations, check] = epub ? await Promise.all([ace(file), name === 'accessibility' ? epubcheck(file) : undefined]) : [[], undefined];
      checked.set(name, { dir, build, epub: file, violations, epubcheck: check });
    });
  });
  after(removeTempDirs);

  for (const name of [...names, 'no-alt']) {
    it(`should find no violation of any impact in ${name}`, () => {
      const book = checked.get(name);
      assert.ok(book, `${name} was not checked`);
      assert.equal(book.build.code, 0, book.build.stderr);
      assert.deepEqual(book.violations, [], formatViolations(book.violations));
    });
  }

  it('should keep the accessibility book valid for EPUBCheck', () => {
    const result = checked.get('accessibility')?.epubcheck;
    assert.ok(result);
    assert.deepEqual([result.fatals, result.errors, result.warnings], [0, 0, 0], formatMessages(result.messages));
  });

  it('should claim in Korean only the features the accessibility book has: alt text, MathML with descriptions, images', async () => {
    const values = await metaValues('accessibility');
    assert.deepEqual(values('schema:accessibilityFeature'), ['structuralNavigation', 'tableOfContents', 'readingOrder', 'alternativeText', 'MathML', 'describedMath']);
    assert.deepEqual(values('schema:accessMode'), ['textual', 'visual']);
    assert.match(values('schema:accessibilitySummary')[0] ?? '', /^[^A-Za-z]*목차[^A-Za-z]*모든 그림에 대체 텍스트가 있습니다.*MathML/);
  });

  it('should claim neither images nor alt text nor MathML for a Chinese book of text alone', async () => {
    const values = await metaValues('chinese');
    assert.deepEqual(values('schema:accessibilityFeature'), ['structuralNavigation', 'tableOfContents', 'readingOrder']);
    assert.deepEqual(values('schema:accessMode'), ['textual']);
    assert.match(values('schema:accessibilitySummary')[0] ?? '', /目录/);
  });

  it('should warn about an image without alt at its line, and then not claim alternativeText', async () => {
    const book = checked.get('no-alt');
    assert.ok(book);
    const warnings = diagnosticLines(book.build.stderr).filter((d) => d.message.includes('has no alt text'));
    assert.deepEqual(warnings.map((d) => [d.file, d.line, d.severity]), [[path.join('manuscript', '01-chart.md'), 5, 'warning']], book.build.stderr);
    assert.match(warnings[0]?.message ?? '', /image "images\/chart\.png" has no alt text/);
    const values = await metaValues('no-alt');
    assert.ok(!values('schema:accessibilityFeature').includes('alternativeText'));
    assert.deepEqual(values('schema:accessMode'), ['textual', 'visual']);
    // The author's own values stay as written.
    assert.deepEqual(values('schema:accessibilityHazard'), ['noFlashingHazard']);
  });
});

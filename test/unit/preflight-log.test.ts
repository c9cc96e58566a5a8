/** The preflight summary on stderr: short enough to read for a book that repeats one image in every chapter. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { logPreflight } from '../../scripts/outputs/pdf/preflight-log.js';
import type { Preflight } from '../../scripts/outputs/pdf/preflight.js';
import { geometryOf } from '../../scripts/outputs/pdf/geometry.js';
import { loadConfig } from '../../scripts/config/load.js';
import { Diagnostics } from '../../scripts/diagnostics.js';
import { tempTree } from './helpers.js';

/** What `logPreflight` writes for `report`. */
function logged(report: Preflight): string {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => lines.push(chunk) > 0) as typeof process.stderr.write;
  try {
    logPreflight(report, geometryOf(loadConfig(tempTree({ 'manuscript/a.md': '# A\n' }), new Diagnostics()).print));
  } finally {
    process.stderr.write = write;
  }
  return lines.join('');
}

describe('preflight summary', () => {
  test('should name an image printed below 300 dpi once, with its lowest resolution and how often', () => {
    const image = (document: string, dpi: number): Preflight['lowResolutionImages'][number] => ({ document, image: 'images/logo.png', dpi, printedWidthMm: 80 });
    const report = {
      pages: 12,
      frontMatterPages: 2,
      trim: { name: 'A5', widthMm: 148, heightMm: 210 },
      bleedMm: 0,
      cropMarks: false,
      chapterStarts: [],
      fonts: [],
      lowResolutionImages: [image('a.md', 150), image('b.md', 134), image('c.md', 150), { document: 'c.md', image: 'images/map.png', dpi: 200, printedWidthMm: 100 }],
      overflows: [],
      looseLines: [],
      shrunk: [],
      underfilledPages: [],
      problems: [],
    } as Preflight;
    assert.match(logged(report), /images below 300 dpi: images\/logo\.png 134 dpi \(3 times\), images\/map\.png 200 dpi\n/);
  });
});

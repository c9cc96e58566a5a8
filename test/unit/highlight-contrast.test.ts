/**
 * Highlighted code stays readable: every highlight.js colour of both looks has at least the 4.5:1
 * contrast of WCAG AA on the code block's background (white in the EPUB, whose code blocks have
 * none; the `pre` background in print). Ace checks only the EPUB; this covers the print look too.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../helpers/cli.js';

/** The relative luminance of a `#rrggbb` colour (WCAG 2). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The `.hljs-*` rules of a stylesheet with the colour each sets. */
function highlightColours(css: string): [string, string][] {
  return [...css.matchAll(/^(\.hljs-[^{]+)\{[^}]*?(?<![-\w])color:\s*(#[0-9a-f]{6})/gim)].map((m) => [(m[1] as string).trim(), m[2] as string]);
}

const looks = [
  { file: 'styles/epub.css', background: () => '#ffffff' },
  { file: 'styles/print.css', background: (css: string) => /^pre \{[^}]*background:\s*(#[0-9a-f]{6})/im.exec(css)?.[1] ?? '' },
];

describe('highlight colours', () => {
  for (const look of looks) {
    test(`should keep every colour of ${look.file} at 4.5:1 or more on its code background`, () => {
      const css = fs.readFileSync(path.join(repoRoot, look.file), 'utf8');
      const background = look.background(css);
      assert.match(background, /^#[0-9a-f]{6}$/i);
      const colours = highlightColours(css);
      assert.ok(colours.length >= 6, `${look.file}: ${colours.length} hljs colours found`);
      for (const [selector, colour] of colours) {
        const ratio = contrast(colour, background);
        assert.ok(ratio >= 4.5, `${look.file} ${selector}: ${colour} on ${background} is ${ratio.toFixed(2)}:1`);
      }
    });
  }
});

/**
 * Page geometry in the units each stage needs: millimetres for CSS, points for pdf-lib. The
 * printed page is the trim plus the bleed on every side; the margins grow by the bleed so the
 * text block stays where the configuration puts it on the trimmed page.
 */
import type { PrintConfig } from '../../config/print.js';

/** Points per millimetre. */
export const PT_PER_MM = 72 / 25.4;

/** CSS pixels per millimetre (Chromium lays pages out at 96 px per inch). */
export const PX_PER_MM = 96 / 25.4;

/** Everything about the page size that the CSS and the post-processing share. */
export interface Geometry {
  trimWidth: number;
  trimHeight: number;
  bleed: number;
  /** The printed sheet: trim plus bleed on each side, in mm. */
  pageWidth: number;
  pageHeight: number;
  /** Margins measured from the sheet's edge (bleed included), in mm. */
  margins: { top: number; bottom: number; inner: number; outer: number };
  /** Width of the text block in CSS px, for measuring layouts in the browser. */
  textWidthPx: number;
  fontSize: number;
}

/** Resolves the print configuration into the sheet and margins that Chromium prints. */
export function geometryOf(print: PrintConfig): Geometry {
  const { trimWidth, trimHeight, bleed, margins } = print;
  return {
    trimWidth,
    trimHeight,
    bleed,
    pageWidth: trimWidth + 2 * bleed,
    pageHeight: trimHeight + 2 * bleed,
    margins: {
      top: margins.top + bleed,
      bottom: margins.bottom + bleed,
      inner: margins.inner + bleed,
      outer: margins.outer + bleed,
    },
    textWidthPx: Math.floor((trimWidth - margins.inner - margins.outer) * PX_PER_MM),
    fontSize: print.fontSize,
  };
}

/** Millimetres to PDF points. */
export function pt(mm: number): number {
  return mm * PT_PER_MM;
}

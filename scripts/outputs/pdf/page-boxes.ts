/**
 * The print boxes. Chromium rounds the sheet to whole points and 1/300 inch and writes no
 * TrimBox or BleedBox; it lays the page out from the top-left corner, so the boxes are set from
 * that corner with the exact sizes. Crop marks, when asked for, go in the bleed, outside the trim.
 */
import { PDFName, PDFOperator, PDFOperatorNames, rgb, type PDFDocument, type PDFPage } from 'pdf-lib';
import { pt, type Geometry } from './geometry.js';

/** Sets MediaBox, BleedBox and TrimBox of every page (and CropBox, so viewers show the sheet). */
export function setPageBoxes(book: PDFDocument, geometry: Geometry): void {
  const width = pt(geometry.pageWidth);
  const height = pt(geometry.pageHeight);
  const bleed = pt(geometry.bleed);
  for (const page of book.getPages()) {
    const media = page.getMediaBox();
    const top = media.y + media.height;
    const bottom = top - height;
    page.setMediaBox(media.x, bottom, width, height);
    page.setCropBox(media.x, bottom, width, height);
    page.setBleedBox(media.x, bottom, width, height);
    page.setTrimBox(media.x + bleed, bottom + bleed, pt(geometry.trimWidth), pt(geometry.trimHeight));
  }
}

/**
 * Crop marks at the trim's corners. The sheet stays trim plus bleed (what printers ask for and
 * what pdfinfo should show), so the marks live in the bleed: each starts 1 mm away from the trim
 * corner and runs to the sheet's edge, short but outside the TrimBox. Without bleed there is no
 * room and none are drawn.
 */
export function drawCropMarks(book: PDFDocument, geometry: Geometry): void {
  if (geometry.bleed < 2) return;
  for (const page of book.getPages()) {
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]));
    drawMarks(page, pt(1));
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  }
}

/** The eight short lines of one page. */
function drawMarks(page: PDFPage, gap: number): void {
  const t = page.getTrimBox();
  const m = page.getMediaBox();
  const line = { thickness: 0.25, color: rgb(0, 0, 0) };
  const xs = [t.x, t.x + t.width];
  const ys = [t.y, t.y + t.height];
  for (const x of xs) {
    page.drawLine({ start: { x, y: m.y }, end: { x, y: t.y - gap }, ...line });
    page.drawLine({ start: { x, y: t.y + t.height + gap }, end: { x, y: m.y + m.height }, ...line });
  }
  for (const y of ys) {
    page.drawLine({ start: { x: m.x, y }, end: { x: t.x - gap, y }, ...line });
    page.drawLine({ start: { x: t.x + t.width + gap, y }, end: { x: m.x + m.width, y }, ...line });
  }
}

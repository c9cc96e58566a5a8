/** Printed lines of a PDF as poppler sees them (`pdftotext -bbox-layout`), for tests of page layout. */
import { execFileSync } from 'node:child_process';

/** One printed line: its words and box, in points from the page's top-left corner. */
export interface PrintedLine {
  /** 1-based page number. */
  page: number;
  words: string[];
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every line of every page, in reading order. */
export function printedLines(file: string): PrintedLine[] {
  const html = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const lines: PrintedLine[] = [];
  let page = 0;
  let current: PrintedLine | undefined;
  for (const row of html.split('\n')) {
    if (row.includes('<page ')) page++;
    const line = /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/.exec(row);
    if (line) current = { page, words: [], text: '', xMin: Number(line[1]), yMin: Number(line[2]), xMax: Number(line[3]), yMax: Number(line[4]) };
    const word = /<word [^>]*>(.*)<\/word>/.exec(row);
    if (word && current) current.words.push(unescapeXml(word[1] as string));
    if (row.includes('</line>') && current) {
      current.text = current.words.join(' ');
      lines.push(current);
      current = undefined;
    }
  }
  return lines;
}

/** Text with XML's five entities decoded. */
function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] as string);
}

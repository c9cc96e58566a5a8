/**
 * Removes invisible junk that editors and copy-paste leave in manuscripts (U+FFFC object
 * replacement characters, C0 control characters, stray BOMs), before parsing, so it can never
 * reach the XHTML (where most of it is not even allowed by XML).
 */

/** One removed character and where it stood in the original text. */
export interface RemovedCharacter {
  codePoint: number;
  line: number;
  column: number;
}

// Tab, line feed and carriage return are text; every other C0 control, DEL, the object
// replacement character and a BOM that is not at the very start are junk.
const junk = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF\uFFFC\uFFFE\uFFFF]/g;

/** Returns the text without invisible junk, and what was removed with line and column. */
export function removeInvisibleCharacters(text: string): { text: string; removed: RemovedCharacter[] } {
  const removed: RemovedCharacter[] = [];
  // A leading BOM is an encoding mark, not content: drop it without a warning.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (!junk.test(source)) return { text: source, removed };
  junk.lastIndex = 0;
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  const cleaned = source.replace(junk, (match, offset: number) => {
    for (let i = scanned; i < offset; i++) {
      if (source.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = offset;
    removed.push({ codePoint: match.codePointAt(0) as number, line, column: offset - lineStart + 1 });
    return '';
  });
  return { text: cleaned, removed };
}

/** `U+FFFC` style name of a code point, for messages. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

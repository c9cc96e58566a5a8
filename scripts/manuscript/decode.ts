/**
 * Manuscript files as text. UTF-8 is expected (a byte-order mark is dropped); a file saved as
 * UTF-16 with a mark is read as such; a file in the older encoding of the book's language (EUC-KR
 * or CP949 for Korean, Shift_JIS, GB18030, Big5, Windows-1252), as editors on Windows still save
 * them, is read in it with a warning. Anything else is an error: reading it as UTF-8 would fill
 * the book with replacement characters.
 */
import { cjkScript } from '../config/language.js';
import { problem, type Diagnostic, type Severity } from '../diagnostics.js';

/** The text of a file, with what the author should hear about how it was read. */
export interface Decoded {
  text: string;
  /** A warning or error about the encoding, placed at the first byte that is not UTF-8. */
  problem?: Diagnostic;
}

/** A problem with a file's encoding at `at`. */
function encodingProblem(severity: Severity, reason: string, at: { line: number; column: number }): Diagnostic {
  return problem(severity, reason, { ...at, ruleId: 'encoding' });
}

/** WHATWG encoding labels of the files older editors save, by the book's writing. */
const legacyEncodings = {
  ko: { label: 'euc-kr', name: 'EUC-KR (CP949)' },
  ja: { label: 'shift_jis', name: 'Shift_JIS' },
  'zh-Hans': { label: 'gb18030', name: 'GB18030' },
  'zh-Hant': { label: 'big5', name: 'Big5' },
};

/** The older encoding a file of a book in `language` was probably saved in. */
function legacyEncoding(language: string): { label: string; name: string } {
  const script = cjkScript(language);
  return script ? legacyEncodings[script] : { label: 'windows-1252', name: 'Windows-1252' };
}

/** Decodes `data`, or returns undefined when it is not valid in `label`. */
function tryDecode(label: string, data: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}

/** Line and column of the first byte that does not belong to valid UTF-8. */
function firstInvalidUtf8(data: Uint8Array): { line: number; column: number } {
  // The longest prefix that decodes (a sequence cut at its end is allowed while streaming).
  let low = 0;
  let high = data.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  const before = new TextDecoder('utf-8').decode(data.subarray(0, low), { stream: true }).split('\n');
  return { line: before.length, column: [...(before.at(-1) ?? '')].length + 1 };
}

/** Reads a manuscript file's bytes as text for a book in `language`. */
export function decodeManuscript(data: Uint8Array, language: string): Decoded {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
    const text = new TextDecoder(data[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(data);
    return { text, problem: encodingProblem('warning', 'the file is saved as UTF-16: read it as such (save it as UTF-8 for other tools)', { line: 1, column: 1 }) };
  }
  const utf8 = tryDecode('utf-8', data);
  if (utf8 !== undefined) return { text: utf8 };
  const at = firstInvalidUtf8(data);
  const legacy = legacyEncoding(language);
  const text = tryDecode(legacy.label, data);
  if (text !== undefined) {
    return { text, problem: encodingProblem('warning', `the file is not UTF-8: read it as ${legacy.name} (save it as UTF-8)`, at) };
  }
  return {
    text: new TextDecoder('utf-8').decode(data),
    problem: encodingProblem('error', `the file is not valid UTF-8, nor ${legacy.name}: save it as UTF-8`, at),
  };
}

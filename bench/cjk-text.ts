/**
 * Generated prose that behaves like real Korean or Chinese text for the printer: thousands of
 * distinct syllables or Hanzi drawn with a skewed (Zipf) frequency, as real prose does, rather than
 * a few sentences repeated. The character sets come from the legacy encodings' byte ranges, which
 * hold the characters in everyday use: KS X 1001's 2,350 Hangul syllables (EUC-KR) and GB2312's
 * 3,755 first-level Hanzi. Real text touches most of Fontsource's unicode-range slices in every
 * chapter; text from a small vocabulary touches few, and flatters the PDF's cost per chapter.
 */

/** The characters an encoding's two-byte range decodes to, keeping those `keep` accepts. */
function charactersOf(label: string, leads: [number, number], trails: [number, number], keep: RegExp): string[] {
  const decoder = new TextDecoder(label);
  const found: string[] = [];
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (let trail = trails[0]; trail <= trails[1]; trail++) {
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (keep.test(char)) found.push(char);
    }
  }
  return found;
}

/** The 2,350 Hangul syllables of KS X 1001. */
export const hangul = charactersOf('euc-kr', [0xb0, 0xc8], [0xa1, 0xfe], /^[\uac00-\ud7a3]$/);

/** The 3,755 first-level Hanzi of GB2312. */
export const hanzi = charactersOf('gbk', [0xb0, 0xd7], [0xa1, 0xfe], /^[\u4e00-\u9fff]$/);

/**
 * Draws characters of `alphabet` with a Zipf frequency (rank r has weight 1/r^s) over an order
 * shuffled by `rnd`: code order is alphabetical, not by use.
 */
export function zipfPicker(alphabet: string[], rnd: () => number, s = 1.05): () => string {
  const order = [...alphabet];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= order.length; rank++) cumulative.push((total += 1 / rank ** s));
  return () => {
    const target = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return order[lo] as string;
  };
}

/** A Korean sentence: words of 1-4 syllables, spaced, ending with a period. */
export function koreanSentence(pick: () => string, rnd: () => number): string {
  const words = 4 + Math.floor(rnd() * 8);
  return `${Array.from({ length: words }, () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, pick).join('')).join(' ')}.`;
}

/** A Chinese sentence: 8-30 Hanzi, commas between clauses, ending with 。 */
export function chineseSentence(pick: () => string, rnd: () => number): string {
  const clauses = 1 + Math.floor(rnd() * 3);
  return `${Array.from({ length: clauses }, () => Array.from({ length: 6 + Math.floor(rnd() * 10) }, pick).join('')).join('，')}。`;
}

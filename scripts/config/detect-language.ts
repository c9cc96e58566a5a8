/**
 * The language of a book that does not say, read from its text by script: Hangul is Korean, kana
 * Japanese, Han Chinese (Simplified or Traditional by the forms of common characters), then
 * Arabic (Persian by its own letters), Hebrew, Cyrillic (Russian), Greek, Thai and Devanagari
 * (Hindi); Latin text, or too little text of any other script, is English. Code is left out first:
 * a Korean technical book is mostly Latin letters inside its code blocks.
 */

/** Letters counted per script, with the language each one stands for. */
const scripts: { language: string; pattern: RegExp }[] = [
  { language: 'ko', pattern: /[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]/gu },
  { language: 'ja', pattern: /[\u3040-\u309f\u30a0-\u30ff]/gu },
  { language: 'zh', pattern: /[\u3400-\u4dbf\u4e00-\u9fff]/gu },
  { language: 'ar', pattern: /[\u0600-\u06ff\u0750-\u077f]/gu },
  { language: 'he', pattern: /[\u0590-\u05ff]/gu },
  { language: 'ru', pattern: /[\u0400-\u04ff]/gu },
  { language: 'el', pattern: /[\u0370-\u03ff]/gu },
  { language: 'th', pattern: /[\u0e00-\u0e7f]/gu },
  { language: 'hi', pattern: /[\u0900-\u097f]/gu },
];

// Common characters whose Simplified and Traditional forms differ: the side with more of them wins.
const simplifiedOnly = new Set('这说们国来为个时会对学发过还进与开关门问间见长东车马书实现听写认让话语读谈请试题边运动种经济应体点热环战钱银铁错误选择连续线纪约级组织给统计设证译资产业专万广庆坏变传伤价优众从仅');
const traditionalOnly = new Set('這說們國來為個時會對學發過還進與開關門問間見長東車馬書實現聽寫認讓話語讀談請試題邊運動種經濟應體點熱環戰錢銀鐵錯誤選擇連續線紀約級組織給統計設證譯資產業專萬廣慶壞變傳傷價優眾從僅');

/** The share of counted letters a non-Latin script needs to name the language. */
const MIN_SHARE = 0.05;

/** Text without what is not prose: fenced and inline code, HTML tags, URLs, front matter. */
function prose(markdown: string): string {
  return markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?\n\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/<[^>\n]+>/g, '')
    .replace(/\bhttps?:\/\/\S+/g, '');
}

/** How many characters of `text` match `pattern`. */
function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** The language `markdown` is written in, as a BCP 47 tag (`ko`, `ja`, `zh-Hans`, `zh-Hant`, `fa`, ..., `en`). */
export function detectLanguage(markdown: string): string {
  const text = prose(markdown);
  const latin = count(text, /[A-Za-z\u00c0-\u024f]/gu);
  const counts = scripts.map((s) => ({ language: s.language, letters: count(text, s.pattern) }));
  const total = latin + counts.reduce((sum, c) => sum + c.letters, 0);
  if (total === 0) return 'en';
  const byLanguage = new Map(counts.map((c) => [c.language, c.letters]));
  // Japanese mixes kana with Han: any real share of kana makes it Japanese, before Han is weighed.
  if ((byLanguage.get('ja') ?? 0) / total >= MIN_SHARE / 2) return 'ja';
  const [top] = counts.filter((c) => c.language !== 'ja').sort((a, b) => b.letters - a.letters);
  if (!top || top.letters / total < MIN_SHARE) return 'en';
  if (top.language === 'zh') return hanForms(text);
  // Persian is written in Arabic letters, with four of its own.
  if (top.language === 'ar' && count(text, /[پچژگ]/gu) > 0) return 'fa';
  return top.language;
}

/** `zh-Hant` when the text uses more Traditional-only forms of common characters than Simplified-only ones. */
function hanForms(text: string): string {
  let simplified = 0;
  let traditional = 0;
  for (const ch of text) {
    if (simplifiedOnly.has(ch)) simplified++;
    else if (traditionalOnly.has(ch)) traditional++;
  }
  return traditional > simplified ? 'zh-Hant' : 'zh-Hans';
}

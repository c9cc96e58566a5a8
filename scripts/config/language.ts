/** What a book's BCP 47 language tag says beyond the labels: which way its text runs, which Han forms it uses. */

// Languages written right to left by default (Arabic, Hebrew, Persian, Urdu, Yiddish, Pashto, ...).
const rtlLanguages = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'nqo', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
// Scripts written right to left, for tags that name one (`az-Arab`, `pa-Arab`).
const rtlScripts = new Set(['adlm', 'arab', 'hebr', 'nkoo', 'rohg', 'syrc', 'thaa']);

/** `rtl` for a language or script written right to left, else `ltr`; an explicit script subtag decides. */
export function textDirection(language: string): 'ltr' | 'rtl' {
  const [lang = '', ...subtags] = language.toLowerCase().split('-');
  const script = subtags.find((s) => /^[a-z]{4}$/.test(s));
  if (script) return rtlScripts.has(script) ? 'rtl' : 'ltr';
  return rtlLanguages.has(lang) ? 'rtl' : 'ltr';
}

/** The CJK writing a language uses (Korean, Japanese, Simplified or Traditional Chinese), if any. */
export function cjkScript(language: string): 'ko' | 'ja' | 'zh-Hans' | 'zh-Hant' | undefined {
  const [lang, ...subtags] = language.toLowerCase().split('-');
  if (lang === 'ko' || lang === 'ja') return lang;
  if (lang !== 'zh') return undefined;
  return subtags.some((s) => s === 'hant' || s === 'tw' || s === 'hk' || s === 'mo') ? 'zh-Hant' : 'zh-Hans';
}

/**
 * A language tag in BCP 47's usual case, as authors' tools write tags loosely: `zh-hans` ->
 * `zh-Hans`, `ko_KR` -> `ko-KR`, `EN-us` -> `en-US`.
 */
export function normalizeLanguageTag(tag: string): string {
  const [lang = '', ...subtags] = tag.trim().replace(/_/g, '-').split('-');
  return [
    lang.toLowerCase(),
    ...subtags.map((s) => (/^[a-z]{4}$/i.test(s) ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : /^([a-z]{2}|\d{3})$/i.test(s) ? s.toUpperCase() : s.toLowerCase())),
  ].join('-');
}

// Chinese regions and the script their books are written in, as Apple Books and other stores want it named.
const chineseRegionScripts: Record<string, 'Hans' | 'Hant'> = { cn: 'Hans', sg: 'Hans', tw: 'Hant', hk: 'Hant', mo: 'Hant' };

/**
 * The tag a store matches a book's language on: Chinese by script (`zh-CN` -> `zh-Hans`,
 * `zh-TW`/`zh-HK` -> `zh-Hant`), as Apple's asset guide asks; any other tag as written.
 */
export function storeLanguageTag(language: string): string {
  const [lang, region, ...rest] = language.split('-');
  const script = region && !rest.length ? chineseRegionScripts[region.toLowerCase()] : undefined;
  return lang?.toLowerCase() === 'zh' && script ? `zh-${script}` : language;
}

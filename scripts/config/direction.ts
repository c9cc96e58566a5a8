/** Which way a language's text runs, from its BCP 47 tag. */

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

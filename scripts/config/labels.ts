/** Words the book shows to its readers, in the book's language. */
import { cjkScript } from './language.js';

export interface Labels {
  toc: string;
  footnotes: string;
  backToText: string;
  cover: string;
  titlePage: string;
  landmarks: string;
  start: string;
  imageMissing: string;
  continued: string;
  /** Titles of GitHub's alerts (`> [!NOTE]` ...). */
  note: string;
  tip: string;
  important: string;
  warning: string;
  caution: string;
  /** What a drawn diagram is called in its generated text alternative. */
  diagram: string;
}

const english: Labels = {
  toc: 'Contents',
  footnotes: 'Footnotes',
  backToText: 'Back to text',
  cover: 'Cover',
  titlePage: 'Title page',
  landmarks: 'Landmarks',
  start: 'Start of content',
  imageMissing: 'Image not available',
  continued: 'continued',
  note: 'Note',
  tip: 'Tip',
  important: 'Important',
  warning: 'Warning',
  caution: 'Caution',
  diagram: 'Diagram',
};

const byLanguage: Record<string, Labels> = {
  en: english,
  ko: {
    toc: '차례',
    footnotes: '각주',
    backToText: '본문으로',
    cover: '표지',
    titlePage: '속표지',
    landmarks: '길잡이',
    start: '본문 시작',
    imageMissing: '이미지를 불러올 수 없음',
    continued: '계속',
    note: '참고',
    tip: '팁',
    important: '중요',
    warning: '경고',
    caution: '주의',
    diagram: '도표',
  },
  ja: {
    toc: '目次',
    footnotes: '脚注',
    backToText: '本文へ',
    cover: '表紙',
    titlePage: '扉',
    landmarks: 'ランドマーク',
    start: '本文の開始',
    imageMissing: '画像を表示できません',
    continued: '続き',
    note: 'メモ',
    tip: 'ヒント',
    important: '重要',
    warning: '警告',
    caution: '注意',
    diagram: '図',
  },
  zh: {
    toc: '目录',
    footnotes: '脚注',
    backToText: '返回正文',
    cover: '封面',
    titlePage: '书名页',
    landmarks: '导航',
    start: '正文开始',
    imageMissing: '无法显示图片',
    continued: '续',
    note: '备注',
    tip: '提示',
    important: '重要',
    warning: '警告',
    caution: '注意',
    diagram: '图表',
  },
  de: { ...english, toc: 'Inhalt', footnotes: 'Fußnoten', backToText: 'Zurück zum Text', cover: 'Umschlag', titlePage: 'Titelseite', start: 'Beginn des Inhalts', imageMissing: 'Bild nicht verfügbar', continued: 'Fortsetzung', note: 'Hinweis', tip: 'Tipp', important: 'Wichtig', warning: 'Warnung', caution: 'Vorsicht', diagram: 'Diagramm' },
  fr: { ...english, toc: 'Table des matières', footnotes: 'Notes', backToText: 'Retour au texte', cover: 'Couverture', titlePage: 'Page de titre', landmarks: 'Repères', start: 'Début du contenu', imageMissing: 'Image indisponible', continued: 'suite', note: 'Remarque', tip: 'Astuce', important: 'Important', warning: 'Avertissement', caution: 'Attention', diagram: 'Diagramme' },
  es: { ...english, toc: 'Índice', footnotes: 'Notas', backToText: 'Volver al texto', cover: 'Cubierta', titlePage: 'Portada', landmarks: 'Puntos de referencia', start: 'Inicio del contenido', imageMissing: 'Imagen no disponible', continued: 'continuación', note: 'Nota', tip: 'Consejo', important: 'Importante', warning: 'Advertencia', caution: 'Precaución', diagram: 'Diagrama' },
};

// Traditional Chinese (zh-TW, zh-HK, zh-Hant) in its own forms: a Simplified 录 in a Traditional
// book is not only wrong to its readers, Noto Serif TC's slices also lack it (it would print as Type 3).
const traditionalChinese: Labels = {
  toc: '目錄',
  footnotes: '註腳',
  backToText: '返回正文',
  cover: '封面',
  titlePage: '書名頁',
  landmarks: '導覽',
  start: '正文開始',
  imageMissing: '無法顯示圖片',
  continued: '續',
  note: '附註',
  tip: '提示',
  important: '重要',
  warning: '警告',
  caution: '注意',
  diagram: '圖表',
};

/** The labels for a BCP 47 language tag (by its primary subtag, Chinese also by its script), with the author's overrides. */
export function labelsFor(language: string, overrides: Record<string, string> = {}): Labels {
  const base = cjkScript(language) === 'zh-Hant' ? traditionalChinese : (byLanguage[language.toLowerCase().split('-')[0] ?? ''] ?? english);
  const merged: Labels = { ...base };
  for (const key of Object.keys(base) as (keyof Labels)[]) {
    const value = overrides[key];
    if (value) merged[key] = value;
  }
  return merged;
}

/** The label keys an author may override in `labels:`. */
export const labelKeys = Object.keys(english);

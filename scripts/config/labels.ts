/** Words the book shows to its readers, in the book's language. */

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
  },
  de: { ...english, toc: 'Inhalt', footnotes: 'Fußnoten', backToText: 'Zurück zum Text', cover: 'Umschlag', titlePage: 'Titelseite', start: 'Beginn des Inhalts', imageMissing: 'Bild nicht verfügbar', continued: 'Fortsetzung' },
  fr: { ...english, toc: 'Table des matières', footnotes: 'Notes', backToText: 'Retour au texte', cover: 'Couverture', titlePage: 'Page de titre', landmarks: 'Repères', start: 'Début du contenu', imageMissing: 'Image indisponible', continued: 'suite' },
  es: { ...english, toc: 'Índice', footnotes: 'Notas', backToText: 'Volver al texto', cover: 'Cubierta', titlePage: 'Portada', landmarks: 'Puntos de referencia', start: 'Inicio del contenido', imageMissing: 'Imagen no disponible', continued: 'continuación' },
};

/** The labels for a BCP 47 language tag (by its primary subtag), with the author's overrides. */
export function labelsFor(language: string, overrides: Record<string, string> = {}): Labels {
  const base = byLanguage[language.toLowerCase().split('-')[0] ?? ''] ?? english;
  const merged: Labels = { ...base };
  for (const key of Object.keys(base) as (keyof Labels)[]) {
    const value = overrides[key];
    if (value) merged[key] = value;
  }
  return merged;
}

/** The label keys an author may override in `labels:`. */
export const labelKeys = Object.keys(english);

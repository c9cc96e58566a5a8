/** Words the book shows to its readers, in the book's language. */
import { cjkScript } from './language.js';
import type { marcRoles } from './schema.js';

/** What the title and copyright pages call each role of a person (by MARC relator code). */
type RoleLabels = Record<keyof typeof marcRoles, string>;

export interface Labels extends RoleLabels {
  toc: string;
  footnotes: string;
  backToText: string;
  cover: string;
  titlePage: string;
  landmarks: string;
  /** The EPUB's list of the print edition's pages (its page-list nav). */
  pageList: string;
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
  /** A numbered caption's label (book.yaml `captions`); `{n}` is its number, such as 3-1. */
  figure: string;
  table: string;
  /** The copyright page's name (its landmark), and what its lines say. */
  copyrightPage: string;
  publisher: string;
  published: string;
  identifier: string;
  series: string;
  /** A book's place in its series; `{n}` is its number. */
  volume: string;
}

const english: Labels = {
  toc: 'Contents',
  footnotes: 'Footnotes',
  backToText: 'Back to text',
  cover: 'Cover',
  titlePage: 'Title page',
  landmarks: 'Landmarks',
  pageList: 'Print page numbers',
  start: 'Start of content',
  imageMissing: 'Image not available',
  continued: 'continued',
  note: 'Note',
  tip: 'Tip',
  important: 'Important',
  warning: 'Warning',
  caution: 'Caution',
  diagram: 'Diagram',
  figure: 'Figure {n}',
  table: 'Table {n}',
  copyrightPage: 'Copyright',
  publisher: 'Publisher',
  published: 'Published',
  identifier: 'Identifier',
  series: 'Series',
  volume: 'Book {n}',
  aut: 'Author',
  trl: 'Translator',
  edt: 'Editor',
  ill: 'Illustrator',
  aui: 'Introduction',
  aft: 'Afterword',
  ctb: 'Contributor',
  pht: 'Photographer',
  art: 'Artist',
  cov: 'Cover designer',
  bkd: 'Book designer',
  nrt: 'Narrator',
  com: 'Compiler',
  pbd: 'Publishing director',
  csl: 'Consultant',
  adp: 'Adapter',
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
    pageList: '인쇄본 쪽 번호',
    start: '본문 시작',
    imageMissing: '이미지를 불러올 수 없음',
    continued: '계속',
    note: '참고',
    tip: '팁',
    important: '중요',
    warning: '경고',
    caution: '주의',
    diagram: '도표',
    figure: '그림 {n}',
    table: '표 {n}',
    // The words of a Korean book's 판권면.
    copyrightPage: '판권',
    publisher: '펴낸곳',
    published: '펴낸날',
    identifier: '식별자',
    series: '시리즈',
    volume: '{n}권',
    aut: '지은이',
    trl: '옮긴이',
    edt: '편집',
    ill: '그린이',
    aui: '서문',
    aft: '후기',
    ctb: '도움',
    pht: '사진',
    art: '미술',
    cov: '표지 디자인',
    bkd: '북 디자인',
    nrt: '낭독',
    com: '엮은이',
    pbd: '펴낸이',
    csl: '감수',
    adp: '각색',
  },
  ja: {
    toc: '目次',
    footnotes: '脚注',
    backToText: '本文へ',
    cover: '表紙',
    titlePage: '扉',
    landmarks: 'ランドマーク',
    pageList: '印刷版のページ',
    start: '本文の開始',
    imageMissing: '画像を表示できません',
    continued: '続き',
    note: 'メモ',
    tip: 'ヒント',
    important: '重要',
    warning: '警告',
    caution: '注意',
    diagram: '図',
    figure: '図{n}',
    table: '表{n}',
    // The words of a Japanese book's 奥付.
    copyrightPage: '奥付',
    publisher: '発行所',
    published: '発行日',
    identifier: '識別子',
    series: 'シリーズ',
    volume: '第{n}巻',
    aut: '著者',
    trl: '訳者',
    edt: '編集',
    ill: 'イラスト',
    aui: '序文',
    aft: 'あとがき',
    ctb: '協力',
    pht: '写真',
    art: '美術',
    cov: 'カバーデザイン',
    bkd: 'ブックデザイン',
    nrt: '朗読',
    com: '編者',
    pbd: '発行者',
    csl: '監修',
    adp: '翻案',
  },
  zh: {
    toc: '目录',
    footnotes: '脚注',
    backToText: '返回正文',
    cover: '封面',
    titlePage: '书名页',
    landmarks: '导航',
    pageList: '印刷版页码',
    start: '正文开始',
    imageMissing: '无法显示图片',
    continued: '续',
    note: '备注',
    tip: '提示',
    important: '重要',
    warning: '警告',
    caution: '注意',
    diagram: '图表',
    figure: '图{n}',
    table: '表{n}',
    copyrightPage: '版权页',
    publisher: '出版者',
    published: '出版日期',
    identifier: '标识符',
    series: '丛书',
    volume: '第{n}册',
    aut: '作者',
    trl: '译者',
    edt: '编辑',
    ill: '插图',
    aui: '序言',
    aft: '后记',
    ctb: '协助',
    pht: '摄影',
    art: '美术',
    cov: '封面设计',
    bkd: '装帧设计',
    nrt: '朗读',
    com: '编者',
    pbd: '出品人',
    csl: '顾问',
    adp: '改编',
  },
  de: { ...english, toc: 'Inhalt', footnotes: 'Fußnoten', backToText: 'Zurück zum Text', cover: 'Umschlag', titlePage: 'Titelseite', start: 'Beginn des Inhalts', imageMissing: 'Bild nicht verfügbar', continued: 'Fortsetzung', note: 'Hinweis', tip: 'Tipp', important: 'Wichtig', warning: 'Warnung', caution: 'Vorsicht', diagram: 'Diagramm', figure: 'Abbildung {n}', table: 'Tabelle {n}' },
  fr: { ...english, toc: 'Table des matières', footnotes: 'Notes', backToText: 'Retour au texte', cover: 'Couverture', titlePage: 'Page de titre', landmarks: 'Repères', start: 'Début du contenu', imageMissing: 'Image indisponible', continued: 'suite', note: 'Remarque', tip: 'Astuce', important: 'Important', warning: 'Avertissement', caution: 'Attention', diagram: 'Diagramme', figure: 'Figure {n}', table: 'Tableau {n}' },
  es: { ...english, toc: 'Índice', footnotes: 'Notas', backToText: 'Volver al texto', cover: 'Cubierta', titlePage: 'Portada', landmarks: 'Puntos de referencia', start: 'Inicio del contenido', imageMissing: 'Imagen no disponible', continued: 'continuación', note: 'Nota', tip: 'Consejo', important: 'Importante', warning: 'Advertencia', caution: 'Precaución', diagram: 'Diagrama', figure: 'Figura {n}', table: 'Tabla {n}' },
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
  pageList: '印刷版頁碼',
  start: '正文開始',
  imageMissing: '無法顯示圖片',
  continued: '續',
  note: '附註',
  tip: '提示',
  important: '重要',
  warning: '警告',
  caution: '注意',
  diagram: '圖表',
  figure: '圖{n}',
  table: '表{n}',
  copyrightPage: '版權頁',
  publisher: '出版者',
  published: '出版日期',
  identifier: '識別碼',
  series: '叢書',
  volume: '第{n}冊',
  aut: '作者',
  trl: '譯者',
  edt: '編輯',
  ill: '插圖',
  aui: '序言',
  aft: '後記',
  ctb: '協助',
  pht: '攝影',
  art: '美術',
  cov: '封面設計',
  bkd: '裝幀設計',
  nrt: '朗讀',
  com: '編者',
  pbd: '出品人',
  csl: '顧問',
  adp: '改編',
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

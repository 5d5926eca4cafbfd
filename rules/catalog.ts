/** The region's catalog of recognised items (互认项目目录). */

export const DISCIPLINES = [
  'chemistry',
  'immunology',
  'hematology',
  'coagulation',
  'urinalysis',
  'microbiology',
  'radiography',
  'ct',
  'mr',
  'ultrasound',
  'nuclear-medicine',
] as const;
export type Discipline = (typeof DISCIPLINES)[number];

export const ITEM_KINDS = ['lab', 'imaging'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/**
 * How long a result stays recognisable. Imaging is stated "一般3个月内" (002), which is calendar months
 * (06-01 → 09-01), not 90 days; lab windows are stated in days.
 */
export const WINDOW_UNITS = ['days', 'months'] as const;
export type WindowUnit = (typeof WINDOW_UNITS)[number];
export interface RecognitionWindow {
  readonly amount: number;
  readonly unit: WindowUnit;
}

/**
 * What a report must state about its test system (001: 临床免疫、凝血试验项目应注明检测系统品牌；
 * 部分临床生化项目(如肌酐、白蛋白等)应注明检测方法).
 */
export const ANNOTATIONS = ['none', 'brand', 'method', 'both'] as const;
export type Annotation = (typeof ANNOTATIONS)[number];

export interface RecognitionItem {
  /** The regional recognition code, e.g. `LAB-K` or `CT-HEAD`. */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: ItemKind;
  readonly discipline: Discipline;
  /** DICOM modality for imaging items (DX, CT, MR, US, NM). */
  readonly modality: string | null;
  readonly bodySite: string | null;
  /** The region's bound: older results are not recognised. */
  readonly window: RecognitionWindow;
  readonly annotation: Annotation;
  /**
   * Items this examination contains and so stands for (类似检查, 002): an enhanced CT (平扫+增强) stands for
   * the plain CT of the same site, a panel for each of its analytes. Never the other way round.
   */
  readonly contains: readonly string[];
  /** Other names and abbreviations doctors search by (乙肝, HBsAg). */
  readonly synonyms: readonly string[];
  /**
   * On the region's recognition list. Items off the list are catalogued only so that close alliances can
   * recognise all items among their members (004: 紧密型医联体…实现医联体内医疗机构间全部项目互认).
   */
  readonly onRegionalList: boolean;
  readonly loinc: string | null;
  /** Reference price in fen (1/100 yuan), for the "yuan saved" statistics. */
  readonly priceFen: number;
  readonly active: boolean;
}

export function requiresBrand(item: RecognitionItem): boolean {
  return item.annotation === 'brand' || item.annotation === 'both';
}

export function requiresMethod(item: RecognitionItem): boolean {
  return item.annotation === 'method' || item.annotation === 'both';
}

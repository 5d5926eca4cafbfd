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
  /** The region's bound: results older than this many days are not recognised. */
  readonly windowDays: number;
  /** The brand of the test system or the method must be shown (immunology, coagulation, some chemistry). */
  readonly methodRelevant: boolean;
  readonly loinc: string | null;
  /** Reference price in fen (1/100 yuan), for the "yuan saved" statistics. */
  readonly priceFen: number;
  readonly active: boolean;
}

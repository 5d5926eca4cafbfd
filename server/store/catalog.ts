import { z } from 'zod';
import type { RecognitionItem } from '../../rules';
import { bool, type Database } from './database';
import { referenceChanged } from './reference-version';

interface ItemRow {
  code: string;
  name_zh: string;
  name_en: string;
  kind: RecognitionItem['kind'];
  discipline: RecognitionItem['discipline'];
  modality: string | null;
  body_site: string | null;
  window_amount: number;
  window_unit: RecognitionItem['window']['unit'];
  annotation: RecognitionItem['annotation'];
  contains: string;
  synonyms: string;
  on_regional_list: boolean | number;
  loinc: string | null;
  price_fen: number;
  active: boolean | number;
}

const codes = z.array(z.string());

function toItem(row: ItemRow): RecognitionItem {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    kind: row.kind,
    discipline: row.discipline,
    modality: row.modality,
    bodySite: row.body_site,
    window: { amount: Number(row.window_amount), unit: row.window_unit },
    annotation: row.annotation,
    contains: codes.parse(JSON.parse(row.contains)),
    synonyms: codes.parse(JSON.parse(row.synonyms)),
    onRegionalList: bool(row.on_regional_list),
    loinc: row.loinc,
    priceFen: Number(row.price_fen),
    active: bool(row.active),
  };
}

export async function loadCatalog(db: Database): Promise<RecognitionItem[]> {
  return (await db<ItemRow>('items').select('*').orderBy('code')).map(toItem);
}

export async function saveItems(db: Database, items: readonly RecognitionItem[]): Promise<void> {
  await referenceChanged(db);
  for (const item of items) {
    const row = {
      code: item.code,
      name_zh: item.nameZh,
      name_en: item.nameEn,
      kind: item.kind,
      discipline: item.discipline,
      modality: item.modality,
      body_site: item.bodySite,
      window_amount: item.window.amount,
      window_unit: item.window.unit,
      annotation: item.annotation,
      contains: JSON.stringify(item.contains),
      synonyms: JSON.stringify(item.synonyms),
      on_regional_list: item.onRegionalList,
      loinc: item.loinc,
      price_fen: item.priceFen,
      active: item.active,
    };
    await db('items').insert(row).onConflict('code').merge();
  }
}

/** The prices of catalog items, by code. */
export async function itemPrices(db: Database, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db('items')
    .whereIn('code', [...new Set(codes)])
    .select<{ code: string; price_fen: number }[]>('code', 'price_fen');
  return new Map(rows.map((row) => [row.code, Number(row.price_fen)]));
}

import type { Knex } from 'knex';

/**
 * Carries what was stored before the policy data model over to it: the one "method relevant" flag
 * becomes the annotation the texts ask for (brand for immunology and coagulation, method for chemistry),
 * region marks gain the forms they appear in, and alliances named 紧密型/医共体 become close ones.
 */
const BRAND = new Set(['immunology', 'coagulation']);

type StoredMark = string | { text: string; forms: string[] };

function markOf(mark: StoredMark, kind: 'lab' | 'imaging'): { text: string; forms: string[] } {
  if (typeof mark !== 'string') return mark;
  if (kind === 'imaging' && mark.startsWith('-')) return { text: mark, forms: ['tag', 'institution-name-suffix'] };
  return { text: mark, forms: kind === 'lab' ? ['tag', 'item-name-prefix'] : ['tag'] };
}

export async function up(db: Knex): Promise<void> {
  const items = await db<{ code: string; discipline: string; method_relevant: boolean | number }>('items').select(
    'code',
    'discipline',
    'method_relevant',
  );
  for (const item of items) {
    if (!item.method_relevant) continue;
    const annotation = BRAND.has(item.discipline) ? 'brand' : item.discipline === 'chemistry' ? 'method' : 'both';
    await db('items').where('code', item.code).update({ annotation });
  }
  const regions = await db<{ code: string; policy: string }>('regions').select('code', 'policy');
  for (const region of regions) {
    const policy = JSON.parse(region.policy) as { marks: { lab: StoredMark[]; imaging: StoredMark[] } } & Record<
      string,
      unknown
    >;
    const updated = {
      ...policy,
      marks: {
        lab: policy.marks.lab.map((mark) => markOf(mark, 'lab')),
        imaging: policy.marks.imaging.map((mark) => markOf(mark, 'imaging')),
      },
      markedLevelRule: policy.markedLevelRule ?? 'hierarchy',
      annotationRequired: policy.annotationRequired ?? false,
      assessmentIntervalMonths: policy.assessmentIntervalMonths ?? null,
    };
    await db('regions')
      .where('code', region.code)
      .update({ policy: JSON.stringify(updated) });
  }
  await db('alliances').where('name', 'like', '%紧密型%').orWhere('name', 'like', '%医共体%').update({ kind: 'close' });
}

export async function down(): Promise<void> {
  // Data only: the schema migration's down removes the columns.
}

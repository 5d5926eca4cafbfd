import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * All SQL lives in server/store/ (one module per concern). What the store may import, and that knex is
 * imported nowhere else, is held by dependency-cruiser (tools/lint/dependency-cruiser.cjs, `npm run lint:deps`);
 * a query built on a knex instance handed in from outside shows no import, so it is found here.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER = join(ROOT, 'server');
const STORE = join(SERVER, 'store');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const BUILDER =
  'where|whereIn|whereNull|whereNotNull|andWhere|orWhere|select|insert|update|delete|del|join|leftJoin|first|pluck|orderBy|groupBy|count|max|min|sum|onConflict|truncate';
/** A table handed to a knex instance (`db('prompts as p').where(…)`), raw SQL, or knex itself. */
const QUERY_PATTERNS = [
  new RegExp(String.raw`\b\w+\s*(?:<[^>()]*>)?\(\s*['"\`][a-z_]+(?: as \w+)?['"\`]\s*\)\s*\.\s*(?:${BUILDER})\b`),
  /\.raw\(\s*['"`]/,
  /\bfrom\s+['"]knex['"]/,
];

function buildsQuery(source: string): boolean {
  return QUERY_PATTERNS.some((pattern) => pattern.test(source));
}

describe('the store boundary', () => {
  it('recognises a query built outside the store, in the forms the code used before', () => {
    expect(
      buildsQuery(`await db('decisions').whereIn('prompt_id', ids).andWhere('outcome', 'accepted').pluck('prompt_id')`),
    ).toBe(true);
    expect(buildsQuery(`const rows = await db('prompts as p')\n    .join('items as i', 'i.code', 'p.item_code')`)).toBe(
      true,
    );
    expect(buildsQuery(`services.reader<Row>('prompts').where({ hospital_id: id })`)).toBe(true);
    expect(buildsQuery(`await this.db('cds_jtis').insert([...batch])`)).toBe(true);
    expect(buildsQuery(`await services.db.raw('select 1')`)).toBe(true);
    expect(buildsQuery(`import knex from 'knex';`)).toBe(true);
    expect(buildsQuery(`await findPrompt(services.reader, id); const line = cells.join(' | ');`)).toBe(false);
  });

  it('no file outside server/store/ builds a query', () => {
    const offenders = sources(SERVER)
      .filter((file) => !file.startsWith(`${STORE}/`))
      .filter((file) => buildsQuery(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});

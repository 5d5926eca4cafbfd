import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each feature's strings load with its code: what the doctor's screen imports statically (the first
 * chunk) holds the decision screen's catalog and none of the consoles'; the consoles' catalogs are
 * reached only through their lazy imports.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const APP = join(ROOT, 'smart-app/src');
const ENTRY = join(APP, 'main.tsx');

function resolveModule(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  return (
    ['.ts', '.tsx', '/index.ts', '/index.tsx', '']
      .map((suffix) => base + suffix)
      .find((path) => existsSync(path) && !path.endsWith('/')) ?? null
  );
}

/** Relative imports of a module: static ones (`import … from`, `export … from`) and lazy ones (`import(…)`). */
function importsOf(file: string): { eager: string[]; lazy: string[] } {
  const source = readFileSync(file, 'utf8');
  const eager = [
    ...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s+['"](\.[^'"]+)['"]/gm),
  ];
  const lazy = [...source.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)];
  const resolved = (matches: RegExpMatchArray[]) =>
    matches.map((match) => resolveModule(file, match[1] as string)).filter((path): path is string => path !== null);
  return { eager: resolved(eager), lazy: resolved(lazy) };
}

function reachable(entry: string, followLazy: boolean): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const { eager, lazy } = importsOf(file);
    pending.push(...eager, ...(followLazy ? lazy : []));
  }
  return new Set([...seen].map((file) => relative(APP, file)));
}

const FEATURE_CATALOGS = ['consoles', 'quality', 'admin', 'access-log'].flatMap((feature) => [
  `${feature}/i18n/zh-CN.ts`,
  `${feature}/i18n/en.ts`,
]);

describe("the app's string catalogs", () => {
  it("the doctor's screen loads its own catalog and none of the consoles'", () => {
    const first = reachable(ENTRY, false);
    expect(first).toContain('i18n/zh-CN.ts');
    expect(first).toContain('i18n/en.ts');
    expect(first).toContain('decisions/DecisionPage.tsx');
    expect(FEATURE_CATALOGS.filter((catalog) => first.has(catalog))).toEqual([]);
  });

  it("the consoles' catalogs arrive with the consoles' lazy chunks", () => {
    const all = reachable(ENTRY, true);
    expect(FEATURE_CATALOGS.filter((catalog) => !all.has(catalog))).toEqual([]);
    expect(reachable(join(APP, 'quality/QualityConsole.tsx'), false)).toContain('quality/i18n/zh-CN.ts');
    expect(reachable(join(APP, 'admin/AdminConsole.tsx'), false)).toContain('admin/i18n/en.ts');
    expect(reachable(join(APP, 'access-log/AccessLogConsole.tsx'), false)).toContain('access-log/i18n/zh-CN.ts');
  });
});

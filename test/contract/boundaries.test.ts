import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout's dependency rules (shared DESIGN.md, "Layout"): `server/contract/` depends on zod and
 * `rules/` only, and is the one part of `server/` the SMART app may import.
 */
const root = join(import.meta.dirname, '..', '..');

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(folder, name));
}

/** `import … from 'x'`, `export … from 'x'` (across lines), `import 'x'` and `import('x')`. */
const IMPORT = /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g;

/** Every module a file names. */
function importsOf(file: string): string[] {
  return [...readFileSync(join(root, file), 'utf8').matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? '');
}

/** A relative specifier as a path from the repository root (`server/contract/quality`); a package name as it is. */
function target(file: string, specifier: string): string {
  return specifier.startsWith('.') ? relative(root, resolve(root, dirname(file), specifier)).split(sep).join('/') : specifier;
}

const inside = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** What a file imports that its folder may not. */
function violations(folder: string, allowed: (path: string) => boolean): string[] {
  return sourcesUnder(folder).flatMap((file) =>
    importsOf(file)
      .map((specifier) => target(file, specifier))
      .filter((path) => !allowed(path))
      .map((path) => `${file} → ${path}`),
  );
}

describe('the contract boundary', () => {
  it('reads the imports it checks (a file of the app that imports the contract is seen doing so)', () => {
    expect(importsOf('smart-app/src/quality/view-query.ts').map((specifier) => target('smart-app/src/quality/view-query.ts', specifier))).toContain(
      'server/contract/quality',
    );
  });

  it('the SMART app imports nothing of the server outside server/contract/', () => {
    expect(violations('smart-app/src', (path) => !inside(path, 'server') || inside(path, 'server/contract'))).toEqual([]);
  });

  it('server/contract/ imports zod, rules/ and itself only', () => {
    expect(violations('server/contract', (path) => path === 'zod' || inside(path, 'rules') || inside(path, 'server/contract'))).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = readFileSync(join(import.meta.dirname, 'sdk', 'huren-his.js'), 'utf8');

/** The browser SDK with Huren's address in it: a classic script, or an ES module exporting the same object. */
export function sdkScript(publicUrl: string, kind: 'classic' | 'module'): string {
  const script = SOURCE.replace('__HUREN_BASE__', publicUrl.replace(/['\\]/g, ''));
  return kind === 'module'
    ? `${script}\nconst HurenHis = globalThis.HurenHis;\nexport { HurenHis };\nexport default HurenHis;\n`
    : script;
}

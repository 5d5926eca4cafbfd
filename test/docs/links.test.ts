import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
];

/** Lines outside fenced code blocks: a `#` inside a shell example is a comment, not a heading. */
function prose(text: string): string[] {
  let fenced = false;
  return text.split('\n').filter((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    return !fenced && !line.startsWith('```');
  });
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(page: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(readFileSync(join(root, page), 'utf8'))) {
    const heading = /^#{1,6} (.+)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

describe('the README and docs/ link only to what exists', () => {
  it('the README links every page of docs/', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const page of pages.filter((page) => page !== 'README.md'))
      expect(readme, page).toContain(`](${page.replaceAll('\\', '/')}`);
  });

  it.each(pages)('every relative link of %s names a file that exists, and a heading of it', (page) => {
    const links = prose(readFileSync(join(root, page), 'utf8')).flatMap((line) =>
      [...line.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!),
    );
    for (const link of links.filter((link) => !/^[a-z]+:/.test(link))) {
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? page : relative(root, join(root, dirname(page), path));
      expect(existsSync(join(root, target)), `${page}: ${link}`).toBe(true);
      if (anchor !== undefined) expect([...anchorsOf(target)], `${page}: ${link}`).toContain(anchor);
    }
  });
});

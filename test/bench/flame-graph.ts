import { readFileSync, writeFileSync } from 'node:fs';
import { profileSchema } from './profile-summary';

/**
 * `npx tsx test/bench/flame-graph.ts <file.cpuprofile> <out.svg>`: a flame graph (SVG) of one load
 * phase's main thread: each box a function, as wide as the time spent in it and what it called,
 * callers below callees. A run of frames inside one library (express's router calls itself dozens
 * deep) is folded into one box named after the library; Huren's own frames keep their names. Idle
 * time, startup and boxes under 0.3 % of the busy time are left out.
 */
interface Box {
  readonly name: string;
  readonly file: string;
  microseconds: number;
  readonly children: Map<string, Box>;
}

const WIDTH = 1600;
const ROW = 17;
const MIN_SHARE = 0.003;

function tree(file: string): Box {
  const profile = profileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const root: Box = { name: 'order-select under load (main thread)', file: '', microseconds: 0, children: new Map() };
  profile.samples.forEach((id, index) => {
    const stack: { name: string; file: string }[] = [];
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)?.callFrame;
      if (!frame || frame.functionName === '(root)') continue;
      const library =
        /node_modules\/((@[^/]+\/)?[^/]+)\//.exec(frame.url)?.[1] ?? (frame.url.startsWith('node:') ? 'node' : null);
      const entry = library
        ? { name: library, file: library === 'node' ? 'node:' : `node_modules/${library}` }
        : { name: frame.functionName || '(anonymous)', file: frame.url.replace(/^.*\/work\/[^/]+\//, '') };
      if (library && stack[0]?.name === library) continue;
      stack.unshift(entry);
    }
    if (
      stack.length === 0 ||
      stack[0]?.name === '(idle)' ||
      stack.some((frame) => frame.name === 'tsx' || frame.name === 'evaluate')
    )
      return;
    const spent = profile.timeDeltas[index] ?? 0;
    root.microseconds += spent;
    let box = root;
    for (const frame of stack) {
      const key = `${frame.name} ${frame.file}`;
      let next = box.children.get(key);
      if (!next) box.children.set(key, (next = { ...frame, microseconds: 0, children: new Map() }));
      next.microseconds += spent;
      box = next;
    }
  });
  return root;
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function colour(file: string): string {
  if (/^(server|rules)\//.test(file)) return '#e8a33d';
  if (/^node:|^$/.test(file)) return '#9db4c8';
  return '#d9694a';
}

function render(root: Box): string {
  const rects: string[] = [];
  let depth = 0;
  const place = (box: Box, x: number, level: number) => {
    const width = (box.microseconds / root.microseconds) * WIDTH;
    if (box.microseconds / root.microseconds < MIN_SHARE) return;
    depth = Math.max(depth, level);
    const share = ((100 * box.microseconds) / root.microseconds).toFixed(1);
    const label = width > 40 ? escape(`${box.name}`.slice(0, Math.floor(width / 7))) : '';
    rects.push(
      `<g><title>${escape(`${box.name} ${box.file} — ${share} %`)}</title><rect x="${x.toFixed(1)}" y="LEVEL${level}" width="${Math.max(0.5, width - 0.5).toFixed(1)}" height="${ROW - 1}" fill="${colour(box.file)}"/>${label ? `<text x="${(x + 3).toFixed(1)}" y="LEVEL${level}T">${label}</text>` : ''}</g>`,
    );
    let offset = x;
    for (const child of [...box.children.values()].sort((a, b) => b.microseconds - a.microseconds)) {
      place(child, offset, level + 1);
      offset += (child.microseconds / root.microseconds) * WIDTH;
    }
  };
  place(root, 0, 0);
  const height = (depth + 1) * ROW + 24;
  // Callers at the bottom, as flame graphs are drawn.
  const body = rects
    .join('\n')
    .replace(/LEVEL(\d+)(T?)/g, (_match, level: string, text: string) =>
      String(height - 24 - (Number(level) + 1) * ROW + (text ? 12 : 0)),
    );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="monospace" font-size="11">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    body,
    `<text x="4" y="${height - 8}">orange: Huren (server/, rules/) · red: libraries · blue: Node.js · hover a box for its share</text>`,
    '</svg>',
  ].join('\n');
}

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: npx tsx test/bench/flame-graph.ts <file.cpuprofile> <out.svg>\n');
  process.exit(2);
}
writeFileSync(output, render(tree(input)));

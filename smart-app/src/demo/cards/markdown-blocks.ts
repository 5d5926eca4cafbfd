/**
 * GitHub-flavoured tables in card detail, without a GFM plugin (only react-markdown is installed):
 * the detail is cut into table blocks and everything else, and table rows into cells. Cells keep
 * their markdown (escapes, emphasis) for the renderer; only unescaped `|` separate them.
 */
export type MarkdownBlock = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'table'; readonly header: string[]; readonly rows: string[][] };

const isRow = (line: string): boolean => line.trim().startsWith('|');
const isDelimiter = (line: string): boolean => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);

/** The cells of `| a | b \| c |`: a backslash escapes the next character, so `\|` stays in its cell. */
export function tableCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  const text = line.trim().replace(/^\|/, '');
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (char === '\\' && index + 1 < text.length) {
      cell += char + text[index + 1];
      index += 1;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  if (cell.trim()) cells.push(cell.trim());
  return cells;
}

export function markdownBlocks(markdown: string): MarkdownBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: MarkdownBlock[] = [];
  let text: string[] = [];
  const flushText = () => {
    if (text.some((line) => line.trim())) blocks.push({ kind: 'text', text: text.join('\n') });
    text = [];
  };
  for (let index = 0; index < lines.length; ) {
    const line = lines[index] as string;
    const next = lines[index + 1];
    if (isRow(line) && next !== undefined && isDelimiter(next)) {
      flushText();
      const header = tableCells(line);
      const rows: string[][] = [];
      index += 2;
      while (index < lines.length && isRow(lines[index] as string)) {
        rows.push(tableCells(lines[index] as string));
        index += 1;
      }
      blocks.push({ kind: 'table', header, rows });
    } else {
      text.push(line);
      index += 1;
    }
  }
  flushText();
  return blocks;
}

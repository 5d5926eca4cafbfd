/**
 * Text from other hospitals' reports goes into card markdown: escape it so that it can only ever
 * be text (no links, no images, no HTML, no table breaks) in whatever renderer the EHR uses.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      // Control characters have no place in a card's text and some break markdown renderers.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
      // GFM turns bare web addresses into links; break the pattern so report text stays text.
      .replace(/:\/\//g, '\\://')
      .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\\.`)
      .replace(/\r?\n/g, ' ')
  );
}

/** Multi-line free text (findings, impression) as escaped lines of one block. */
export function escapeParagraph(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => escapeMarkdown(line.trim()))
    .filter(Boolean)
    .join('  \n');
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * A link whose target we checked to be http(s); the label is escaped, the URL as the WHATWG parser
 * serialises it (percent-encoded where needed). An address that does not parse is shown as the label.
 */
export function link(label: string, url: string): string {
  if (!URL.canParse(url)) return escapeMarkdown(label);
  return `[${escapeMarkdown(label)}](${new URL(url).href.replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}

/** Cuts to fit CDS Hooks' "<140 characters" summary, counting code points, ending with an ellipsis. */
export function fitSummary(text: string, limit = 139): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}

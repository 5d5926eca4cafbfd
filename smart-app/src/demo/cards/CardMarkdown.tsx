import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { stackingTable } from '../../shared/narrow-table';

/**
 * A card's markdown detail rendered safely: raw HTML is dropped (never interpreted), URLs pass
 * react-markdown's own filter (no `javascript:`), images are not loaded, and links open in a new tab
 * without handing this page to the target. GFM (remark-gfm) for the service's lab tables; tables
 * render as MUI tables.
 */
const components: Components = {
  a: ({ href, children }: ComponentProps<'a'>) => (
    <Link href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </Link>
  ),
  // A lab table stacks in a narrow card panel, as the app's does; no value is split across lines.
  table: ({ children }: ComponentProps<'table'>) => (
    <Box sx={[{ my: 1, overflowX: 'auto' }, stackingTable] as SxProps<Theme>}>
      <Table size="small">{children}</Table>
    </Box>
  ),
  thead: ({ children }: ComponentProps<'thead'>) => <TableHead>{children}</TableHead>,
  tbody: ({ children }: ComponentProps<'tbody'>) => <TableBody>{children}</TableBody>,
  tr: ({ children }: ComponentProps<'tr'>) => <TableRow>{children}</TableRow>,
  th: ({ children, style }: ComponentProps<'th'>) => (
    <TableCell style={style} sx={{ fontWeight: 600 }}>
      {children}
    </TableCell>
  ),
  td: ({ children, style }: ComponentProps<'td'>) => <TableCell style={style}>{children}</TableCell>,
};

export function CardMarkdown({ markdown }: { readonly markdown: string }) {
  return (
    <Box
      sx={{
        '& p': { my: 0.75 },
        '& blockquote': { m: 0, pl: 1.5, borderLeft: 3, borderColor: 'info.main', color: 'text.secondary' },
        fontSize: '0.875rem',
      }}
    >
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        disallowedElements={['img']}
        unwrapDisallowed
        components={components}
      >
        {markdown}
      </ReactMarkdown>
    </Box>
  );
}

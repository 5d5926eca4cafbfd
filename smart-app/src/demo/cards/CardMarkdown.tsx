import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import { markdownBlocks } from './markdown-blocks';

/**
 * A card's markdown detail rendered safely: raw HTML is dropped (never interpreted), URLs pass
 * react-markdown's own filter (no `javascript:`), images are not loaded, and links open in a new tab
 * without handing this page to the target.
 */
const components: Components = {
  a: ({ href, children }: ComponentProps<'a'>) => (
    <Link href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </Link>
  ),
};

/** Cell text is markdown too (escapes, emphasis), without the paragraph around it. */
const inlineComponents: Components = { ...components, p: ({ children }: ComponentProps<'p'>) => <>{children}</> };

function Markdown({ text, inline = false }: { readonly text: string; readonly inline?: boolean }) {
  return (
    <ReactMarkdown skipHtml disallowedElements={['img']} unwrapDisallowed components={inline ? inlineComponents : components}>
      {text}
    </ReactMarkdown>
  );
}

export function CardMarkdown({ markdown }: { readonly markdown: string }) {
  return (
    <Box sx={{ '& p': { my: 0.75 }, '& blockquote': { m: 0, pl: 1.5, borderLeft: 3, borderColor: 'info.main', color: 'text.secondary' }, fontSize: '0.875rem' }}>
      {markdownBlocks(markdown).map((block, index) =>
        block.kind === 'text' ? (
          <Markdown key={index} text={block.text} />
        ) : (
          <Table key={index} size="small" sx={{ my: 1 }}>
            <TableHead>
              <TableRow>
                {block.header.map((cell, column) => (
                  <TableCell key={column} sx={{ fontWeight: 600 }}>
                    <Markdown text={cell} inline />
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {block.rows.map((row, rowIndex) => (
                <TableRow key={rowIndex}>
                  {row.map((cell, column) => (
                    <TableCell key={column}>
                      <Markdown text={cell} inline />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ),
      )}
    </Box>
  );
}

import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

const TABLE_STYLE = {
  borderCollapse: 'collapse',
  '& th, & td': { textAlign: 'left', p: 0.75, pr: 2 },
  '& td.count': { textAlign: 'right', pr: 3 },
} as const;

/**
 * A plain labelled table for the consoles' short lists (a data grid is for long ones): column heads,
 * and an unlabelled last column when the rows carry buttons. Scrolls sideways rather than squeeze.
 */
export function PlainTable({
  label,
  head,
  actions = false,
  children,
}: {
  readonly label: string;
  readonly head: readonly string[];
  /** The rows end with a cell of buttons (its head stays empty). */
  readonly actions?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Box component="table" aria-label={label} sx={TABLE_STYLE}>
        <thead>
          <tr>
            {head.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {actions ? <td /> : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </Box>
    </Box>
  );
}

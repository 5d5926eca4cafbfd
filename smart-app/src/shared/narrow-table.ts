import type { SxProps, Theme } from '@mui/material/styles';

/** The width below which a table's rows stack: a card in an EHR's side panel, a phone (360 px up). */
const STACK_BELOW = 480;

/**
 * A wrapper's styles for a result table that must read well from 360 px up (issue 23 point 6): a
 * value, unit, range or date is never split across lines; in a narrow container (a side panel, not
 * only a narrow window) each row stacks, the analyte's name on its own line and the rest after it.
 * A cell may carry `data-label` (the column's name) to say what it is once stacked; without one the
 * reference range (fourth column) is bracketed.
 */
export const stackingTable: SxProps<Theme> = {
  containerType: 'inline-size',
  '& td': { whiteSpace: 'nowrap' },
  '& th': { whiteSpace: 'nowrap' },
  '& tbody th, & tbody td:first-of-type': { whiteSpace: 'normal', minWidth: '4em' },
  [`@container (max-width: ${STACK_BELOW}px)`]: {
    // The column heads still name the columns for screen readers; they take no room.
    '& thead': {
      position: 'absolute',
      width: '1px',
      height: '1px',
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
    },
    '& table, & tbody': { display: 'block', width: '100%' },
    '& tbody tr': {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'baseline',
      columnGap: '0.75em',
      py: 0.5,
      borderBottom: 1,
      borderColor: 'divider',
    },
    '& tbody td, & tbody th': { display: 'inline', border: 0, p: 0 },
    '& tbody tr > :first-of-type': { flexBasis: '100%', fontWeight: 600, whiteSpace: 'normal' },
    '& tbody td[data-label]::before': { content: 'attr(data-label) " "', color: 'text.secondary', fontWeight: 400 },
    '& tbody td:nth-of-type(4):not([data-label]):not(:empty)::before': { content: '"("' },
    '& tbody td:nth-of-type(4):not([data-label]):not(:empty)::after': { content: '")"' },
  },
};

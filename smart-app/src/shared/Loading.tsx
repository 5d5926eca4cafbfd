import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** Something is on its way: said in words (a `status`, read out by screen readers), never a blank page. */
export function Loading({ label, children }: { readonly label: string; readonly children?: ReactNode }) {
  return (
    <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 4, flexWrap: 'wrap' }}>
      <CircularProgress size={24} aria-hidden />
      <Typography>{label}</Typography>
      {children}
    </Box>
  );
}

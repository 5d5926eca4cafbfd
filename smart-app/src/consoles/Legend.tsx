import FormLabel from '@mui/material/FormLabel';
import type { ReactNode } from 'react';

/** A fieldset's legend, styled as the sub-headings around it (MUI's greys it like a field label). */
export function Legend({ children }: { readonly children: ReactNode }) {
  return (
    <FormLabel
      component="legend"
      sx={{ color: 'text.primary', fontWeight: 600, '&.Mui-focused': { color: 'text.primary' } }}
    >
      {children}
    </FormLabel>
  );
}

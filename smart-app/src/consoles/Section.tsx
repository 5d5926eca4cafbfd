import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';

interface SectionProps {
  readonly heading: string;
  /** h2 for the page's parts, h3 inside them. */
  readonly level?: 2 | 3;
  /** Buttons beside the heading (exports, actions on the whole section). */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}

/** A titled part of a console: a `section` named by its heading, so screen readers list it as a region. */
export function Section({ heading, level = 2, actions, children }: SectionProps) {
  const headingId = useId();
  return (
    <Stack component="section" aria-labelledby={headingId} spacing={1.5} sx={{ mb: 4 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography
          id={headingId}
          component={`h${level}`}
          variant={level === 2 ? 'h6' : 'subtitle1'}
          sx={{ flexGrow: 1, fontWeight: 600 }}
        >
          {heading}
        </Typography>
        {actions}
      </Stack>
      {children}
    </Stack>
  );
}

import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** Figures as a description list of cards (label above, value below), as the overview shows them. */
export function FigureList({
  figures,
  columns = 4,
}: {
  readonly figures: readonly (readonly [string, string])[];
  readonly columns?: number;
}) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: 'repeat(2, 1fr)', md: `repeat(${columns}, 1fr)` },
        gap: 1.5,
        m: 0,
      }}
    >
      {figures.map(([label, value]) => (
        <Box key={label} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 2, py: 1.5 }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {label}
          </Typography>
          <Typography component="dd" variant="h5" sx={{ m: 0, fontWeight: 600 }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { percent, yuan } from '../consoles/format';
import { Section } from '../consoles/Section';
import { useLanguage } from '../i18n/language';
import type { StatisticsView } from './quality-model';

/** The period's figures as a description list (label, value), with the rate's definition beneath. */
export const HeadlineFigures = memo(function HeadlineFigures({ totals }: { readonly totals: StatisticsView['totals'] }) {
  const { language, messages } = useLanguage();
  const t = messages.quality.figures;
  const figures: readonly [string, string][] = [
    [t.orders, String(totals.orders)],
    [t.eligible, String(totals.eligible)],
    [t.accepted, String(totals.accepted)],
    [t.rate, percent(totals.rate, language)],
    [t.overridden, String(totals.overridden)],
    [t.notCounted, String(totals.notCounted)],
    [t.unexplained, String(totals.unexplained)],
    [t.yuanSaved, yuan(totals.yuanSaved, language)],
  ];
  return (
    <Section heading={t.heading}>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: 'repeat(2, 1fr)', md: 'repeat(4, 1fr)' }, gap: 1.5, m: 0 }}>
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
      <Typography variant="body2">{t.rateDefinition}</Typography>
      <Typography variant="body2" color="text.secondary">
        {t.prompts(totals.prompts)}
      </Typography>
    </Section>
  );
});

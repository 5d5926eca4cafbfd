import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { percent, yuan } from '../consoles/format';
import { Section } from '../consoles/Section';
import { useQualityMessages } from './i18n/messages';
import { FigureList } from './FigureList';
import type { StatisticsView } from './quality-model';

/** The period's figures as a description list (label, value), with the rate's definition beneath. */
export const HeadlineFigures = memo(function HeadlineFigures({
  totals,
}: {
  readonly totals: StatisticsView['totals'];
}) {
  const { language, messages } = useQualityMessages();
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
      <FigureList figures={figures} />
      <Typography variant="body2">{t.rateDefinition}</Typography>
      <Typography variant="body2" color="text.secondary">
        {t.prompts(totals.prompts)}
      </Typography>
    </Section>
  );
});

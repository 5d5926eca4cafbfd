import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { yuan } from '../consoles/format';
import { Section } from '../consoles/Section';
import { useQualityMessages } from './i18n/messages';
import { FigureList } from './FigureList';
import type { StatisticsView } from './quality-model';

type ScopeTally = StatisticsView['inHospital'];

/**
 * The orders outside the recognition rate, each with its own figures: repeats of the hospital's own
 * results (issue 9 point 8) and emergencies (001: 互认主要适用于非急诊患者).
 */
export const ApartFigures = memo(function ApartFigures({ statistics }: { readonly statistics: StatisticsView }) {
  const { language, messages } = useQualityMessages();
  const t = messages.quality.policy.apart;
  const figures = (tally: ScopeTally): [string, string][] => [
    [t.orders, String(tally.orders)],
    [t.accepted, String(tally.accepted)],
    [t.repeated, String(tally.overridden + tally.notCounted)],
    [t.noDecision, String(tally.noDecision)],
    [t.unexplained, String(tally.unexplained)],
    [t.prompts, String(tally.prompts)],
    [t.yuanSaved, yuan(tally.yuanSaved, language)],
  ];
  return (
    <Section heading={t.heading}>
      <Section level={3} heading={t.inHospital}>
        <FigureList figures={figures(statistics.inHospital)} columns={7} />
        <Typography variant="body2" color="text.secondary">
          {t.inHospitalHint}
        </Typography>
      </Section>
      <Section level={3} heading={t.emergency}>
        {/* An emergency card only informs: "unexplained" is always 0 there, so it is left out. */}
        <FigureList figures={figures(statistics.emergency).filter(([label]) => label !== t.unexplained)} columns={6} />
        <Typography variant="body2" color="text.secondary">
          {t.emergencyHint}
        </Typography>
      </Section>
    </Section>
  );
});

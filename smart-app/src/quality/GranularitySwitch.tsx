import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useQualityMessages } from './i18n/messages';
import type { Granularity } from './quality-model';
import { GRANULARITIES } from '../../../server/contract/quality';

/** The trend's step: 日 | 周 | 月. */
export function GranularitySwitch({
  value,
  onChange,
}: {
  readonly value: Granularity;
  readonly onChange: (granularity: Granularity) => void;
}) {
  const { messages } = useQualityMessages();
  const t = messages.quality.filters;
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      aria-label={t.granularity}
      onChange={(_event, next: Granularity | null) => {
        if (next) onChange(next);
      }}
    >
      {GRANULARITIES.map((option) => (
        <ToggleButton key={option} value={option}>
          {t.granularities[option]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

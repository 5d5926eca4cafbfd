import { LineChart } from '@mui/x-charts/LineChart';
import { memo } from 'react';
import { percent } from '../consoles/format';
import { useQualityMessages } from './i18n/messages';
import type { Group } from './quality-model';

/**
 * Eligible and recognised orders per day, week or month (left axis), and the rate (right axis, %).
 * Memoised, as the other statistics parts: paging or sorting the list leaves the statistics as they
 * are. Not animated: a hospital PC spends no time on it, and the numbers stand at once.
 */
export const TrendChart = memo(function TrendChart({
  trend,
  loading,
}: {
  readonly trend: readonly Group[];
  readonly loading: boolean;
}) {
  const { language, messages } = useQualityMessages();
  const t = messages.quality.trend;
  return (
    <LineChart
      height={300}
      skipAnimation
      loading={loading && trend.length === 0}
      localeText={{ noData: t.empty, loading: t.loading }}
      xAxis={[{ scaleType: 'point', data: trend.map((period) => period.key) }]}
      yAxis={[
        { id: 'counts', label: t.counts, position: 'left', min: 0, tickMinStep: 1 },
        {
          id: 'rate',
          label: t.rate,
          position: 'right',
          min: 0,
          max: 100,
          valueFormatter: (value: number) => `${value}%`,
        },
      ]}
      series={[
        {
          id: 'eligible',
          label: t.eligible,
          yAxisId: 'counts',
          showMark: true,
          data: trend.map((period) => period.eligible),
        },
        {
          id: 'accepted',
          label: t.accepted,
          yAxisId: 'counts',
          showMark: true,
          data: trend.map((period) => period.accepted),
        },
        {
          id: 'rate',
          label: t.rate,
          yAxisId: 'rate',
          showMark: true,
          data: trend.map((period) => (period.rate === null ? null : Math.round(period.rate * 1000) / 10)),
          valueFormatter: (value) => (value === null ? '—' : percent(value / 100, language)),
        },
      ]}
    />
  );
});

import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import type { GridColDef } from '@mui/x-data-grid';
import { memo, useId, useState } from 'react';
import { ConsoleGrid } from '../consoles/ConsoleGrid';
import { percent } from '../consoles/format';
import { Section } from '../consoles/Section';
import { useQualityMessages } from './i18n/messages';
import { modalityName } from './labels';
import type { FlaggedDoctor, Group, StatisticsView } from './quality-model';

const BREAKDOWNS = ['department', 'doctor', 'item', 'modality'] as const;
type Breakdown = (typeof BREAKDOWNS)[number];

const GROUPS: Record<Breakdown, (statistics: StatisticsView) => readonly Group[]> = {
  department: (statistics) => statistics.byDepartment,
  doctor: (statistics) => statistics.byDoctor,
  item: (statistics) => statistics.byItem,
  modality: (statistics) => statistics.byModality,
};

/** The period's figures per department, doctor, item and modality; the grids sort in the browser (a few hundred rows at most). */
export const BreakdownTabs = memo(function BreakdownTabs({ statistics }: { readonly statistics: StatisticsView }) {
  const { language, messages } = useQualityMessages();
  const t = messages.quality.breakdown;
  const [shown, setShown] = useState<Breakdown>('department');
  const tabsId = useId();
  const flagged = new Map<string, FlaggedDoctor>(statistics.flaggedDoctors.map((doctor) => [doctor.doctorRef, doctor]));
  const count = (field: keyof typeof t.columns): GridColDef<Group> => ({
    field,
    headerName: t.columns[field],
    type: 'number',
    width: 96,
  });
  const columns: GridColDef<Group>[] = [
    {
      field: 'label',
      headerName: t.tabs[shown],
      flex: 1,
      minWidth: 180,
      valueFormatter: (value: string) => (shown === 'modality' ? modalityName(messages, value) : value),
      renderCell: ({ row, formattedValue }) => {
        const flag = shown === 'doctor' ? flagged.get(row.key) : undefined;
        return (
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
            {String(formattedValue)}
            {flag ? (
              <Chip
                size="small"
                color={flag.direction === 'higher' ? 'warning' : 'info'}
                label={messages.quality.flagged.directions[flag.direction]}
              />
            ) : null}
          </Box>
        );
      },
    },
    count('orders'),
    count('eligible'),
    count('accepted'),
    count('overridden'),
    count('notCounted'),
    count('noDecision'),
    count('unexplained'),
    {
      field: 'rate',
      headerName: t.columns.rate,
      type: 'number',
      width: 96,
      valueFormatter: (value: number | null) => percent(value, language),
    },
    {
      field: 'yuanSaved',
      headerName: t.columns.yuanSaved,
      type: 'number',
      width: 130,
      valueFormatter: (value: number) => value.toFixed(2),
    },
  ];
  return (
    <Section heading={t.heading}>
      <Tabs value={shown} onChange={(_event, next: Breakdown) => setShown(next)} aria-label={t.heading}>
        {BREAKDOWNS.map((breakdown) => (
          <Tab
            key={breakdown}
            value={breakdown}
            label={t.tabs[breakdown]}
            id={`${tabsId}-${breakdown}`}
            aria-controls={`${tabsId}-panel`}
          />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${shown}`}>
        <ConsoleGrid<Group>
          key={shown}
          aria-label={t.tabs[shown]}
          rows={GROUPS[shown](statistics)}
          columns={columns}
          getRowId={(row) => row.key}
          initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
          pageSizeOptions={[25, 50, 100]}
        />
      </Box>
    </Section>
  );
});

import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import { ConsoleGrid } from '../consoles/ConsoleGrid';
import { localTime } from '../consoles/format';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import type { Resource } from '../consoles/useResource';
import { useLanguage } from '../i18n/language';
import type { UnmappedCodes as Unmapped } from './admin-model';

const UNMAPPED_DAYS = [7, 30, 90] as const;
export type UnmappedDays = (typeof UNMAPPED_DAYS)[number];

type UnmappedCode = Unmapped[number];

interface UnmappedCodesProps {
  readonly codes: Resource<Unmapped>;
  readonly days: UnmappedDays;
  readonly onDays: (days: UnmappedDays) => void;
}

/** Local codes doctors ordered with that map to nothing: those orders get no prompt until they are mapped. */
export function UnmappedCodes({ codes, days, onDays }: UnmappedCodesProps) {
  const { messages } = useLanguage();
  const t = messages.admin.unmapped;
  const at = (value: string) => localTime(value, messages.time.format);
  const columns: GridColDef<UnmappedCode>[] = [
    { field: 'code', headerName: t.columns.code, width: 150 },
    { field: 'display', headerName: t.columns.display, flex: 1, minWidth: 150 },
    { field: 'seen', headerName: t.columns.seen, type: 'number', width: 110 },
    { field: 'firstSeen', headerName: t.columns.firstSeen, width: 150, valueFormatter: at },
    { field: 'lastSeen', headerName: t.columns.lastSeen, width: 150, valueFormatter: at },
    { field: 'system', headerName: t.columns.system, flex: 1, minWidth: 200 },
  ];
  return (
    <Section
      heading={t.heading}
      actions={
        <TextField select size="small" label={t.days} value={days} onChange={(event) => onDays(UNMAPPED_DAYS.find((option) => option === Number(event.target.value)) ?? 30)} sx={{ width: 120 }}>
          {UNMAPPED_DAYS.map((option) => (
            <MenuItem key={option} value={option}>
              {t.dayOptions(option)}
            </MenuItem>
          ))}
        </TextField>
      }
    >
      <Typography variant="body2">{t.intro}</Typography>
      {codes.problem ? <ProblemNotice problem={codes.problem} onRetry={codes.reload} /> : null}
      <ConsoleGrid<UnmappedCode>
        aria-label={t.heading}
        rows={codes.value ?? []}
        columns={columns}
        getRowId={(row) => `${row.system}|${row.code}`}
        loading={codes.loading}
        localeText={{ noRowsLabel: t.none }}
        initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
        pageSizeOptions={[25, 50, 100]}
      />
    </Section>
  );
}

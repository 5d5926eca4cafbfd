import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import { useState } from 'react';
import { consoleProblemOf, type ConsoleProblem } from '../consoles/console-problems';
import { ConsoleGrid } from '../consoles/ConsoleGrid';
import { localTime } from '../consoles/format';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import type { Resource } from '../consoles/useResource';
import { useAdminMessages } from './i18n/messages';
import type { AdminApi } from './admin-api';
import type { RecognitionItem, UnmappedCodes as Unmapped } from './admin-model';
import { ItemPicker } from './ItemPicker';

const UNMAPPED_DAYS = [7, 30, 90] as const;
export type UnmappedDays = (typeof UNMAPPED_DAYS)[number];

type UnmappedCode = Unmapped[number];

interface UnmappedCodesProps {
  readonly api: AdminApi;
  readonly codes: Resource<Unmapped>;
  readonly days: UnmappedDays;
  readonly onDays: (days: UnmappedDays) => void;
  readonly catalog: readonly RecognitionItem[];
  readonly onMapped: (code: string, itemCode: string) => void;
}

/**
 * Local codes doctors ordered with that map to nothing: those orders get no prompt until they are
 * mapped. Each can be mapped right here, by picking its catalog item.
 */
export function UnmappedCodes({ api, codes, days, onDays, catalog, onMapped }: UnmappedCodesProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.unmapped;
  const [mapping, setMapping] = useState<UnmappedCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const close = () => {
    setMapping(null);
    setProblem(null);
  };
  const map = async (code: UnmappedCode, item: RecognitionItem) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.mapCode({ system: code.system, localCode: code.code, localName: code.display, itemCode: item.code });
      close();
      onMapped(code.code, item.code);
    } catch (error) {
      setProblem(consoleProblemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const at = (value: string) => localTime(value, messages.time.format);
  const columns: GridColDef<UnmappedCode>[] = [
    { field: 'code', headerName: t.columns.code, width: 150 },
    { field: 'display', headerName: t.columns.display, flex: 1, minWidth: 150 },
    { field: 'seen', headerName: t.columns.seen, type: 'number', width: 110 },
    { field: 'firstSeen', headerName: t.columns.firstSeen, width: 150, valueFormatter: at },
    { field: 'lastSeen', headerName: t.columns.lastSeen, width: 150, valueFormatter: at },
    { field: 'system', headerName: t.columns.system, flex: 1, minWidth: 200 },
    {
      field: 'map',
      headerName: t.columns.map,
      width: 130,
      sortable: false,
      renderCell: ({ row }) => (
        <Button size="small" aria-label={t.mapButton(row.code)} onClick={() => setMapping(row)}>
          {t.map}
        </Button>
      ),
    },
  ];
  return (
    <Section
      heading={t.heading}
      actions={
        <TextField
          select
          size="small"
          label={t.days}
          value={days}
          onChange={(event) => onDays(UNMAPPED_DAYS.find((option) => option === Number(event.target.value)) ?? 30)}
          sx={{ width: 120 }}
        >
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
      {mapping ? (
        <Dialog open onClose={close} aria-labelledby="map-code-title" fullWidth maxWidth="sm">
          <DialogTitle id="map-code-title">{t.mapTitle(mapping.code, mapping.display)}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>{t.mapText}</DialogContentText>
            {problem ? <ProblemNotice problem={problem} /> : null}
            <ItemPicker
              items={catalog}
              exclude={[]}
              label={t.pickLabel}
              action={busy ? t.mapping : t.mapConfirm}
              onPick={(item) => void map(mapping, item)}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>{t.cancel}</Button>
          </DialogActions>
        </Dialog>
      ) : null}
    </Section>
  );
}

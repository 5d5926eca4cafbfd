import type { GridColDef, GridPaginationModel } from '@mui/x-data-grid';
import { useMemo } from 'react';
import type { AccessEntryView, AccessLogPage } from '../../../server/contract/access-log';
import { ConsoleGrid } from '../consoles/ConsoleGrid';
import { localTime } from '../consoles/format';
import { useAccessLogMessages } from './i18n/messages';
import { PAGE_SIZES } from './access-log-query';
import { PatientKeyCell } from './PatientKeyCell';

interface AccessLogGridProps {
  readonly page: AccessLogPage | null;
  readonly loading: boolean;
  /** 0-based page of the log shown (the API pages by cursor: only the next and the earlier pages can be reached). */
  readonly pageIndex: number;
  readonly pageSize: number;
  /** How many entries the filters select, once the first page has said. */
  readonly total: number | null;
  readonly onPage: (model: GridPaginationModel) => void;
  readonly onCopied: () => void;
  readonly onPatient: (patientKey: string) => void;
}

/** The log's entries, newest first, a page at a time; nothing here changes an entry. */
export function AccessLogGrid({
  page,
  loading,
  pageIndex,
  pageSize,
  total,
  onPage,
  onCopied,
  onPatient,
}: AccessLogGridProps) {
  const { messages } = useAccessLogMessages();
  const t = messages.accessLog;
  const columns: GridColDef<AccessEntryView>[] = [
    {
      field: 'at',
      headerName: t.columns.at,
      width: 170,
      sortable: false,
      valueFormatter: (value: string) => localTime(value, t.timeFormat),
    },
    {
      field: 'actor',
      headerName: t.columns.actor,
      flex: 1,
      minWidth: 220,
      sortable: false,
      valueGetter: (_value, row) => `${t.actorKinds[row.actorKind]} · ${row.actorName ?? row.actor}`,
      renderCell: ({ row, value }) => <span title={row.actor}>{String(value)}</span>,
    },
    {
      field: 'endpoint',
      headerName: t.columns.endpoint,
      flex: 1,
      minWidth: 180,
      sortable: false,
      valueGetter: (value: string) => (value in t.endpoints ? t.endpoints[value as keyof typeof t.endpoints] : value),
      renderCell: ({ row, value }) => <span title={row.endpoint}>{String(value)}</span>,
    },
    {
      field: 'patientKey',
      headerName: t.columns.patient,
      width: 210,
      sortable: false,
      renderCell: ({ row }) => <PatientKeyCell patientKey={row.patientKey} onCopied={onCopied} onOnly={onPatient} />,
    },
    {
      field: 'results',
      headerName: t.columns.results,
      width: 120,
      sortable: false,
      // A refused look-up showed nothing: it says so instead of a count.
      valueGetter: (value: number, row) => (row.refused ? t.refused : String(value)),
    },
    {
      field: 'hospitalId',
      headerName: t.columns.hospital,
      width: 220,
      sortable: false,
      valueGetter: (value: string | null, row) => row.hospitalName ?? value ?? t.noHospital,
    },
  ];
  const entries = page?.entries ?? [];
  // The total the first page answered; without it, known once the last page is reached.
  const rowCount = total ?? (page && page.next === null ? pageIndex * pageSize + entries.length : -1);
  const paginationModel = useMemo(() => ({ page: pageIndex, pageSize }), [pageIndex, pageSize]);
  const paginationMeta = useMemo(() => ({ hasNextPage: page?.next !== undefined && page.next !== null }), [page?.next]);
  return (
    <ConsoleGrid<AccessEntryView>
      aria-label={t.list.heading}
      rows={entries}
      columns={columns}
      loading={loading}
      rowCount={rowCount}
      paginationMode="server"
      paginationMeta={paginationMeta}
      pageSizeOptions={[...PAGE_SIZES]}
      paginationModel={paginationModel}
      onPaginationModelChange={onPage}
      localeText={{ noRowsLabel: t.empty }}
    />
  );
}

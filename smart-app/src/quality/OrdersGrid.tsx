import Chip, { type ChipProps } from '@mui/material/Chip';
import HistoryIcon from '@mui/icons-material/History';
import useMediaQuery from '@mui/material/useMediaQuery';
import {
  GridActionsCellItem,
  type GridColDef,
  type GridColumnVisibilityModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import { ConsoleGrid } from '../consoles/ConsoleGrid';
import { localTime } from '../consoles/format';
import { useQualityMessages } from './i18n/messages';
import { modalityName } from './labels';
import type { OrderOutcome, OrderRow, OrdersPage } from './quality-model';
import { PAGE_SIZES, type QualityView } from './view-query';

type SortKey = QualityView['sort'];

/**
 * What a screen too narrow for every column leaves out at first (issue 23 point 11): the columns a
 * quality officer can do without at a glance, all still in the row's 处理记录 and under 显示更多列.
 * At 1366 px the reason and the price stay on screen; at 1024 px the department goes too (the filter has it).
 */
const HIDDEN_WHEN: Readonly<Record<'wide' | 'medium' | 'narrow', GridColumnVisibilityModel>> = {
  wide: {},
  medium: { modality: false, scope: false, candidates: false },
  narrow: { modality: false, scope: false, candidates: false, departmentName: false },
};

/** The grid's columns the API can sort by, and the API's name for each. */
const SORTED_BY: Readonly<Record<string, SortKey>> = {
  createdAt: 'createdAt',
  departmentName: 'department',
  doctorName: 'doctor',
  itemName: 'item',
  outcome: 'outcome',
};

const OUTCOME_COLOURS: Record<OrderOutcome, ChipProps['color']> = {
  accepted: 'success',
  overridden: 'warning',
  'not-counted': 'default',
  'no-decision': 'default',
  'unexplained-repeat': 'error',
};

interface OrdersGridProps {
  readonly page: OrdersPage | null;
  readonly loading: boolean;
  readonly view: QualityView;
  readonly onView: (view: QualityView) => void;
  readonly onOpen: (row: OrderRow) => void;
}

/** The filtered orders, a page at a time: the server pages and sorts (the period may hold thousands). */
export function OrdersGrid({ page, loading, view, onView, onOpen }: OrdersGridProps) {
  const { messages } = useQualityMessages();
  const t = messages.quality.orders;
  const columns: GridColDef<OrderRow>[] = [
    {
      field: 'history',
      type: 'actions',
      headerName: t.columns.history,
      width: 90,
      getActions: ({ row }) => [
        <GridActionsCellItem
          key="open"
          icon={<HistoryIcon />}
          label={t.open(row.itemName)}
          onClick={() => onOpen(row)}
        />,
      ],
    },
    {
      field: 'createdAt',
      headerName: t.columns.createdAt,
      width: 150,
      valueFormatter: (value: string) => localTime(value, messages.time.format),
    },
    {
      field: 'departmentName',
      headerName: t.columns.department,
      flex: 1,
      minWidth: 130,
      valueGetter: (_value, row) => row.departmentName ?? row.departmentCode ?? t.unknown,
    },
    {
      field: 'doctorName',
      headerName: t.columns.doctor,
      width: 110,
      valueGetter: (_value, row) => row.doctorName ?? row.doctorRef,
    },
    { field: 'itemName', headerName: t.columns.item, flex: 1, minWidth: 150 },
    {
      field: 'modality',
      headerName: t.columns.modality,
      width: 90,
      sortable: false,
      valueFormatter: (value: string) => modalityName(messages, value),
    },
    {
      field: 'outcome',
      headerName: t.columns.outcome,
      width: 170,
      renderCell: ({ row }) => (
        <Chip
          size="small"
          variant="outlined"
          color={OUTCOME_COLOURS[row.outcome]}
          label={messages.quality.outcomes[row.outcome]}
        />
      ),
    },
    {
      field: 'scope',
      headerName: messages.quality.policy.scopeColumn,
      width: 100,
      sortable: false,
      valueFormatter: (value: OrderRow['scope']) => messages.quality.policy.scopes[value],
    },
    {
      field: 'reasonText',
      headerName: t.columns.reason,
      flex: 1.4,
      minWidth: 180,
      sortable: false,
      valueGetter: (_value, row) =>
        row.explanationMissing ? messages.quality.policy.reasonIncomplete(row.reasonText ?? '') : row.reasonText,
    },
    { field: 'candidates', headerName: t.columns.candidates, type: 'number', width: 100, sortable: false },
    {
      field: 'yuan',
      headerName: t.columns.yuan,
      type: 'number',
      width: 100,
      sortable: false,
      valueFormatter: (value: number) => value.toFixed(2),
    },
  ];
  // The same models while the view is the same: a new one, even equal, makes the grid go back to page one.
  const sortModel = useMemo<GridSortModel>(
    () => [
      {
        field: Object.keys(SORTED_BY).find((field) => SORTED_BY[field] === view.sort) ?? 'createdAt',
        sort: view.order,
      },
    ],
    [view.sort, view.order],
  );
  const paginationModel = useMemo(() => ({ page: view.page - 1, pageSize: view.pageSize }), [view.page, view.pageSize]);
  const medium = useMediaQuery('(max-width: 1499.95px)', { noSsr: true });
  const narrow = useMediaQuery('(max-width: 1199.95px)', { noSsr: true });
  const tier = narrow ? 'narrow' : medium ? 'medium' : 'wide';
  // The reader's own choice of columns holds until the screen changes width class.
  const [chosen, setChosen] = useState<{ tier: string; model: GridColumnVisibilityModel } | null>(null);
  const visibility = chosen?.tier === tier ? chosen.model : HIDDEN_WHEN[tier];
  return (
    <ConsoleGrid<OrderRow>
      aria-label={t.heading}
      columnsLabel={t.moreColumns}
      columnVisibilityModel={visibility}
      onColumnVisibilityModelChange={(model) => setChosen({ tier, model })}
      rows={page?.rows ?? []}
      columns={columns}
      getRowId={(row) => row.promptId}
      loading={loading}
      rowCount={page?.total ?? 0}
      paginationMode="server"
      sortingMode="server"
      sortingOrder={['asc', 'desc']}
      pageSizeOptions={[...PAGE_SIZES]}
      paginationModel={paginationModel}
      onPaginationModelChange={(model) =>
        // A new page size starts again at the first page: the old page number means other rows.
        onView({ ...view, page: model.pageSize === view.pageSize ? model.page + 1 : 1, pageSize: model.pageSize })
      }
      sortModel={sortModel}
      onSortModelChange={([sorted]) => {
        const sort = sorted ? SORTED_BY[sorted.field] : undefined;
        onView({ ...view, sort: sort ?? 'createdAt', order: sorted?.sort ?? 'desc', page: 1 });
      }}
      onRowClick={({ row }) => onOpen(row)}
      sx={{ '& .MuiDataGrid-row': { cursor: 'pointer' } }}
    />
  );
}

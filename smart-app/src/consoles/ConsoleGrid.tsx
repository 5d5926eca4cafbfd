import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import { ColumnsPanelTrigger, DataGrid, Toolbar, type DataGridProps, type GridValidRowModel } from '@mui/x-data-grid';
import { enUS, zhCN } from '@mui/x-data-grid/locales';
import { useMemo } from 'react';
import { useLanguage, type Language } from '../i18n/language';

/** The grid's own texts (pagination, sorting, "no rows") in the console's language. */
const LOCALE_TEXT: Record<Language, DataGridProps['localeText']> = {
  'zh-CN': zhCN.components.MuiDataGrid.defaultProps.localeText,
  en: enUS.components.MuiDataGrid.defaultProps.localeText,
};

/**
 * The consoles' tables: MUI X's MIT Data Grid, compact, as tall as its rows (a page of rows, never
 * a scroll box inside the page), without row selection (nothing here acts on a selection). A grid's
 * own `localeText` (its "no rows" sentence) goes over the language's.
 */
export function ConsoleGrid<Row extends GridValidRowModel>({
  localeText,
  columnsLabel,
  ...props
}: DataGridProps<Row> & {
  readonly 'aria-label': string;
  /** Offers the columns a narrow screen leaves out, under this button above the grid. */
  readonly columnsLabel?: string;
}) {
  const { language } = useLanguage();
  // One component per label: a new one each render would remount the toolbar and close its panel.
  const toolbar = useMemo(() => (columnsLabel ? columnsToolbar(columnsLabel) : null), [columnsLabel]);
  return (
    <DataGrid<Row>
      autoHeight
      density="compact"
      disableRowSelectionOnClick
      disableColumnMenu
      {...(toolbar ? { showToolbar: true, slots: { toolbar } } : {})}
      {...props}
      localeText={{ ...LOCALE_TEXT[language], ...localeText }}
    />
  );
}

/** The toolbar of a grid whose columns can be chosen: only the columns button (filters and sorting live outside). */
function columnsToolbar(label: string) {
  return function ColumnsToolbar() {
    return (
      <Toolbar>
        <ColumnsPanelTrigger startIcon={<ViewColumnIcon />} size="small">
          {label}
        </ColumnsPanelTrigger>
      </Toolbar>
    );
  };
}

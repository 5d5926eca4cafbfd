import { DataGrid, type DataGridProps, type GridValidRowModel } from '@mui/x-data-grid';
import { enUS, zhCN } from '@mui/x-data-grid/locales';
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
  ...props
}: DataGridProps<Row> & { readonly 'aria-label': string }) {
  const { language } = useLanguage();
  return (
    <DataGrid<Row>
      autoHeight
      density="compact"
      disableRowSelectionOnClick
      disableColumnMenu
      {...props}
      localeText={{ ...LOCALE_TEXT[language], ...localeText }}
    />
  );
}

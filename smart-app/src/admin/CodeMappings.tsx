import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import { ConsoleGrid } from '../consoles/ConsoleGrid';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import type { Resource } from '../consoles/useResource';
import { useAdminMessages } from './i18n/messages';
import type { AdminApi } from './admin-api';
import type { CodeMapping } from './admin-model';
import { MappingUpload } from './MappingUpload';
import type { RuleNames } from './rule-words';

interface CodeMappingsProps {
  readonly api: AdminApi;
  readonly mappings: Resource<CodeMapping[]>;
  readonly names: RuleNames;
  readonly onUploaded: () => void;
}

/** The hospital's local codes, by code system, and the catalog item each maps to; and the upload that changes them. */
export function CodeMappings({ api, mappings, names, onUploaded }: CodeMappingsProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.mappings;
  const columns: GridColDef<CodeMapping>[] = [
    { field: 'localCode', headerName: t.columns.localCode, width: 150 },
    { field: 'localName', headerName: t.columns.localName, flex: 1, minWidth: 160 },
    { field: 'itemCode', headerName: t.columns.itemCode, width: 160 },
    {
      field: 'itemName',
      headerName: t.columns.itemName,
      flex: 1,
      minWidth: 160,
      valueGetter: (_value, row) => names.item(row.itemCode),
    },
    { field: 'system', headerName: t.columns.system, flex: 1, minWidth: 180 },
  ];
  return (
    <Section heading={t.heading}>
      <Typography variant="body2">{t.intro}</Typography>
      {mappings.problem ? <ProblemNotice problem={mappings.problem} onRetry={mappings.reload} /> : null}
      <ConsoleGrid<CodeMapping>
        aria-label={t.heading}
        rows={mappings.value ?? []}
        columns={columns}
        getRowId={(row) => `${row.system} ${row.localCode}`}
        loading={mappings.loading}
        initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
        pageSizeOptions={[25, 50, 100]}
      />
      <MappingUpload api={api} onUploaded={onUploaded} />
    </Section>
  );
}

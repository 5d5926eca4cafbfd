import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { InstitutionRecord } from '../../../server/contract/admin';
import { itemSearch } from '../shared/item-search';
import type { ConsoleApi } from '../consoles/console-api';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { PlainTable } from '../consoles/PlainTable';
import { PageHeading } from '../consoles/PageHeading';
import { RegistryImport } from './RegistryImport';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useResource } from '../consoles/useResource';
import { InstitutionForm } from './InstitutionForm';
import { usePlatformMessages } from './i18n/messages';
import { institutions, regions } from './platform-api';

/** /app/platform: the platform operator's institution registry, searchable, with create and edit. */
export function PlatformConsole() {
  return (
    <ConsoleGate role="platform" probe={(api) => institutions(api, new AbortController().signal)}>
      {(api) => <InstitutionsWorkspace api={api} />}
    </ConsoleGate>
  );
}

type Editing = { readonly kind: 'new' } | { readonly kind: 'edit'; readonly institution: InstitutionRecord } | null;

function InstitutionsWorkspace({ api }: { readonly api: ConsoleApi }) {
  const { language, messages } = usePlatformMessages();
  const t = messages.platform.institutions;
  const listed = useResource(`institutions ${language}`, (signal) => institutions(api, signal));
  const known = useResource(`regions ${language}`, (signal) => regions(api, signal));
  const [query, setQuery] = useState('');
  const [region, setRegion] = useState('');
  const [level, setLevel] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const all = useMemo(() => listed.value ?? [], [listed.value]);
  const search = useMemo(
    () => itemSearch(all, (institution) => ({ names: [institution.name], codes: [institution.id] })),
    [all],
  );
  const regionName = (code: string) => known.value?.find((candidate) => candidate.code === code)?.name ?? code;
  const shown = search(query, all.length).filter(
    (institution) => (!region || institution.region === region) && (!level || String(institution.level) === level),
  );
  return (
    <>
      <PageHeading heading={t.heading} intro={t.intro} />
      {saved ? (
        <Alert severity="success" role="status" onClose={() => setSaved(null)} sx={{ mb: 2 }}>
          {t.form.saved(saved)}
        </Alert>
      ) : null}
      {editing ? (
        <InstitutionForm
          api={api}
          institution={editing.kind === 'edit' ? editing.institution : null}
          regions={known.value ?? []}
          onCancel={() => setEditing(null)}
          onSaved={(institution) => {
            setEditing(null);
            setSaved(institution.name);
            listed.reload();
          }}
        />
      ) : null}
      <Section
        heading={t.heading}
        actions={
          <Button variant="contained" onClick={() => setEditing({ kind: 'new' })} disabled={editing !== null}>
            {t.add}
          </Button>
        }
      >
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <TextField
            label={t.search}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            size="small"
            sx={{ minWidth: 280 }}
          />
          <TextField
            select
            label={t.region}
            value={region}
            onChange={(event) => setRegion(event.target.value)}
            size="small"
            sx={{ minWidth: 160 }}
          >
            <MenuItem value="">{t.all}</MenuItem>
            {(known.value ?? []).map((candidate) => (
              <MenuItem key={candidate.code} value={candidate.code}>
                {candidate.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label={t.level}
            value={level}
            onChange={(event) => setLevel(event.target.value)}
            size="small"
            sx={{ minWidth: 120 }}
          >
            <MenuItem value="">{t.all}</MenuItem>
            {([3, 2, 1] as const).map((candidate) => (
              <MenuItem key={candidate} value={String(candidate)}>
                {t.levels[candidate]}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        {listed.problem ? <ProblemNotice problem={listed.problem} onRetry={listed.reload} /> : null}
        {listed.value ? (
          <Typography role="status" variant="body2" color="text.secondary">
            {t.count(shown.length, all.length)}
          </Typography>
        ) : null}
        {listed.value && shown.length === 0 ? <Typography>{t.none}</Typography> : null}
        {shown.length > 0 ? (
          <PlainTable
            label={t.heading}
            head={[t.columns.name, t.columns.level, t.columns.region, t.columns.alliances, t.columns.codeSystem]}
            actions
          >
            {shown.map((institution) => (
              <tr key={institution.id}>
                <th scope="row">
                  {institution.name}（{institution.id}）
                </th>
                <td>
                  {t.levels[institution.level]}
                  {institution.grade ?? ''}
                </td>
                <td>{regionName(institution.region)}</td>
                <td>{institution.alliances.join('、')}</td>
                <td>
                  {institution.localCodeSystems.map((system) => (
                    <div key={system}>{system}</div>
                  ))}
                </td>
                <td>
                  <Button
                    size="small"
                    onClick={() => setEditing({ kind: 'edit', institution })}
                    aria-label={t.edit(institution.name)}
                    disabled={editing !== null}
                  >
                    {t.editButton}
                  </Button>
                </td>
              </tr>
            ))}
          </PlainTable>
        ) : null}
      </Section>
      <RegistryImport api={api} kind="institutions" words={t.import} onImported={listed.reload} />
    </>
  );
}

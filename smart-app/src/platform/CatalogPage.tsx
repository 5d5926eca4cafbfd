import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { RecognitionItem } from '../../../rules';
import { itemSearch } from '../shared/item-search';
import type { ConsoleApi } from '../consoles/console-api';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { PageHeading } from '../consoles/PageHeading';
import { PlainTable } from '../consoles/PlainTable';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useResource } from '../consoles/useResource';
import { CatalogItemForm } from './CatalogItemForm';
import { usePlatformMessages } from './i18n/messages';
import { catalog } from './platform-api';

type Editing = { readonly kind: 'new' } | { readonly kind: 'edit'; readonly item: RecognitionItem } | null;

/**
 * /app/platform/catalog: the recognition catalog (issue 21 point 4): every item with its window,
 * annotation, what it contains, regional-list membership and price; searched by name, pinyin,
 * synonym or code; an item added or changed through the same checks as the API.
 */
export function PlatformCatalog() {
  return (
    <ConsoleGate role="platform" probe={(api) => catalog(api, new AbortController().signal)}>
      {(api) => <CatalogWorkspace api={api} />}
    </ConsoleGate>
  );
}

function CatalogWorkspace({ api }: { readonly api: ConsoleApi }) {
  const { language, messages } = usePlatformMessages();
  const t = messages.platform.catalog;
  const listed = useResource(`catalog ${language}`, (signal) => catalog(api, signal));
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const all = useMemo(() => listed.value ?? [], [listed.value]);
  const search = useMemo(
    () => itemSearch(all, (item) => ({ names: [item.nameZh, item.nameEn, ...item.synonyms], codes: [item.code] })),
    [all],
  );
  const shown = search(query, all.length);
  const nameOf = (code: string) => all.find((item) => item.code === code)?.nameZh ?? code;
  return (
    <>
      <PageHeading heading={t.heading} intro={t.intro} />
      {saved ? (
        <Alert severity="success" role="status" onClose={() => setSaved(null)} sx={{ mb: 2 }}>
          {t.saved(saved)}
        </Alert>
      ) : null}
      {editing ? (
        <CatalogItemForm
          key={editing.kind === 'edit' ? editing.item.code : 'new'}
          api={api}
          item={editing.kind === 'edit' ? editing.item : null}
          onCancel={() => setEditing(null)}
          onSaved={(item) => {
            setEditing(null);
            setSaved(item.nameZh);
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
        {listed.problem ? <ProblemNotice problem={listed.problem} onRetry={listed.reload} /> : null}
        <TextField
          label={t.search}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          size="small"
          sx={{ minWidth: 320, mb: 1 }}
        />
        {listed.value ? (
          <Typography role="status" variant="body2" color="text.secondary">
            {t.count(shown.length, all.length)}
          </Typography>
        ) : null}
        {shown.length > 0 ? (
          <PlainTable
            actions
            label={t.heading}
            head={[
              t.columns.item,
              t.columns.kind,
              t.columns.window,
              t.columns.annotation,
              t.columns.contains,
              t.columns.listed,
              t.columns.price,
              t.columns.active,
            ]}
          >
            {shown.map((item) => (
              <tr key={item.code}>
                <th scope="row">
                  {item.nameZh}（{item.code}）
                </th>
                <td>
                  {t.kinds[item.kind]}
                  {item.modality ? ` · ${item.modality}` : ''}
                </td>
                <td>
                  {item.window.amount} {t.units[item.window.unit]}
                </td>
                <td>{t.annotations[item.annotation]}</td>
                <td>{item.contains.map(nameOf).join('、')}</td>
                <td>{t.listed(item.onRegionalList)}</td>
                <td className="count">{(item.priceFen / 100).toFixed(2)}</td>
                <td>{t.active(item.active)}</td>
                <td>
                  <Button
                    size="small"
                    onClick={() => setEditing({ kind: 'edit', item })}
                    aria-label={t.edit(item.nameZh)}
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
    </>
  );
}

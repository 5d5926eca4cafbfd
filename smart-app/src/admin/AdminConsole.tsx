import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Loading } from '../shared/Loading';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { useResource } from '../consoles/useResource';
import { useAdminMessages } from './i18n/messages';
import { adminApi, type AdminApi } from './admin-api';
import type { RulesState } from './admin-model';
import { CodeMappings } from './CodeMappings';
import { CurrentRules } from './CurrentRules';
import { ruleNames } from './rule-words';
import { RulesEditor } from './RulesEditor';
import { RulesHistory } from './RulesHistory';
import { UnmappedCodes, type UnmappedDays } from './UnmappedCodes';
import { overrideChanges } from './override-changes';

/** /app/admin: the hospital administrator's rules and local code mappings, behind an admin token. */
export function AdminConsole() {
  return (
    <ConsoleGate role="admin" probe={(api) => api.get('/api/admin/rules')}>
      {(api) => <AdminWorkspace api={adminApi(api)} />}
    </ConsoleGate>
  );
}

function AdminWorkspace({ api }: { readonly api: AdminApi }) {
  const { language, messages } = useAdminMessages();
  const t = messages.admin;
  const rules = useResource('rules', (signal) => api.rules(signal));
  const history = useResource('history', (signal) => api.history(signal));
  const catalog = useResource('catalog', (signal) => api.catalog(signal));
  const mappings = useResource('mappings', (signal) => api.mappings(signal));
  const [days, setDays] = useState<UnmappedDays>(30);
  const unmapped = useResource(`unmapped|${days}`, (signal) => api.unmapped(days, signal));
  const [notice, setNotice] = useState<string | null>(null);

  const state = rules.value;
  if (!state || !catalog.value) {
    const problem = rules.problem ?? catalog.problem;
    return problem ? (
      <ProblemNotice problem={problem} onRetry={problem === rules.problem ? rules.reload : catalog.reload} />
    ) : (
      <Loading label={messages.app.loading} />
    );
  }
  const names = ruleNames(messages, language, catalog.value, state.bounds);
  // A new version of the rules: show it, its history, and an editor started afresh from it.
  const changed = (next: RulesState, sentence: string) => {
    rules.set(next);
    setNotice(sentence);
    history.reload();
  };
  return (
    <>
      <Typography component="h1" variant="h5">
        {t.heading}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t.hospital(state.hospitalId)}
      </Typography>
      {notice ? (
        <Alert severity="success" role="status" onClose={() => setNotice(null)} sx={{ mb: 2 }}>
          {notice}
        </Alert>
      ) : null}
      {rules.problem ? <ProblemNotice problem={rules.problem} onRetry={rules.reload} /> : null}
      <CurrentRules state={state} names={names} />
      <RulesEditor
        key={state.version}
        api={api}
        state={state}
        catalog={catalog.value}
        names={names}
        onSaved={(saved) => changed(saved, t.editor.saved(saved.version))}
      />
      {history.problem ? <ProblemNotice problem={history.problem} onRetry={history.reload} /> : null}
      <RulesHistory
        api={api}
        history={history.value ?? []}
        current={state.version}
        atDefaults={overrideChanges(null, state.override).length === 0}
        names={names}
        onRolledBack={(rolled, to) => changed(rolled, t.history.rolledBack(rolled.version, to))}
      />
      <CodeMappings
        api={api}
        mappings={mappings}
        names={names}
        onUploaded={() => {
          mappings.reload();
          unmapped.reload();
        }}
      />
      <UnmappedCodes
        api={api}
        codes={unmapped}
        days={days}
        onDays={setDays}
        catalog={catalog.value}
        onMapped={(code, itemCode) => {
          setNotice(t.unmapped.mapped(code, names.item(itemCode)));
          mappings.reload();
          unmapped.reload();
        }}
      />
    </>
  );
}

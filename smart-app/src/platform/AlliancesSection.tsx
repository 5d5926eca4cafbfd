import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { ALLIANCE_KINDS } from '../../../rules';
import type { ConsoleApi } from '../consoles/console-api';
import { isAboutField } from '../consoles/console-problems';
import { PlainTable } from '../consoles/PlainTable';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useResource } from '../consoles/useResource';
import { useSubmission } from '../consoles/useSubmission';
import { usePlatformMessages } from './i18n/messages';
import { alliances, institutions, saveAlliance } from './platform-api';

/** The alliances (医联体) with their kind and members, and a form to add or rename one or change its kind. */
export function AlliancesSection({ api }: { readonly api: ConsoleApi }) {
  const { language, messages } = usePlatformMessages();
  const t = messages.platform.regions.alliances;
  const listed = useResource(`alliances ${language}`, (signal) => alliances(api, signal));
  const registry = useResource(`institutions ${language}`, (signal) => institutions(api, signal));
  const nameOf = (id: string) => registry.value?.find((institution) => institution.id === id)?.name ?? id;
  const [values, setValues] = useState({ id: '', name: '', kind: 'loose' as string });
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, problem, run } = useSubmission();
  const refusedAt = (field: string) => (isAboutField(problem, field) ? (problem?.detail ?? null) : null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    await run(async () => {
      await saveAlliance(api, {
        id: values.id.trim(),
        name: values.name.trim(),
        kind: values.kind as (typeof ALLIANCE_KINDS)[number],
      });
      setSaved(values.name.trim());
      setValues({ id: '', name: '', kind: 'loose' });
      listed.reload();
    });
  };
  return (
    <Section heading={t.heading}>
      {listed.problem ? <ProblemNotice problem={listed.problem} onRetry={listed.reload} /> : null}
      <Typography variant="body2">{t.membersHint}</Typography>
      {listed.value && listed.value.length > 0 ? (
        <PlainTable label={t.heading} head={[t.columns.alliance, t.columns.kind, t.columns.members]}>
          {listed.value.map((alliance) => (
            <tr key={alliance.id}>
              <th scope="row">
                {alliance.name}（{alliance.id}）
              </th>
              <td>{t.kinds[alliance.kind]}</td>
              <td>{alliance.members.map(nameOf).join('、')}</td>
            </tr>
          ))}
        </PlainTable>
      ) : null}
      <Section heading={t.form.heading} level={3}>
        {saved ? (
          <Typography role="status" color="success.main">
            {t.saved(saved)}
          </Typography>
        ) : null}
        <Stack component="form" direction={{ xs: 'column', sm: 'row' }} spacing={2} onSubmit={submit}>
          <TextField
            label={t.form.id}
            value={values.id}
            onChange={(event) => setValues((current) => ({ ...current, id: event.target.value }))}
            required
            error={refusedAt('id') !== null}
            helperText={refusedAt('id')}
          />
          <TextField
            label={t.form.name}
            value={values.name}
            onChange={(event) => setValues((current) => ({ ...current, name: event.target.value }))}
            required
            error={refusedAt('name') !== null}
            helperText={refusedAt('name')}
          />
          <TextField
            select
            label={t.form.kind}
            value={values.kind}
            onChange={(event) => setValues((current) => ({ ...current, kind: event.target.value }))}
            sx={{ minWidth: 200 }}
          >
            {ALLIANCE_KINDS.map((kind) => (
              <MenuItem key={kind} value={kind}>
                {t.kinds[kind]}
              </MenuItem>
            ))}
          </TextField>
          <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: 'flex-start' }}>
            {t.form.save}
          </Button>
        </Stack>
        {problem && !isAboutField(problem, 'id') && !isAboutField(problem, 'name') ? (
          <ProblemNotice problem={problem} />
        ) : null}
      </Section>
    </Section>
  );
}

import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { SOURCE_FORMATS } from '../../../server/contract/sources';
import type { ConsoleApi } from '../consoles/console-api';
import { isAboutField } from '../consoles/console-problems';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useSubmission } from '../consoles/useSubmission';
import { lines } from './form-lines';
import { usePlatformMessages } from './i18n/messages';
import { registerSource } from './platform-api';
import { SecretShownOnce } from './SecretShownOnce';

const CHARSETS = ['UTF-8', 'GB18030', 'GBK'] as const;

/** `JLJ=H-CQ-002` lines as the sending-facility map; the first line that is not one, as refused. */
function facilitiesOf(text: string): { map: Record<string, string> } | { bad: string } {
  const map: Record<string, string> = {};
  for (const line of lines(text)) {
    const [code, institution, ...rest] = line.split('=').map((part) => part.trim());
    if (!code || !institution || rest.length > 0) return { bad: line };
    map[code] = institution;
  }
  return { map };
}

/**
 * Registers a result source (a LIS, PACS or platform sending HL7 v2, CDA or front-table rows), or gives
 * a registered one a new token; the token is shown once, to hand to the vendor.
 */
export function SourceForm({
  api,
  hospitals,
  onRegistered,
}: {
  readonly api: ConsoleApi;
  readonly hospitals: readonly { readonly id: string; readonly name: string }[];
  readonly onRegistered: () => void;
}) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.connections.sources;
  const empty = {
    id: '',
    name: '',
    format: 'hl7v2' as string,
    institutions: [] as string[],
    charset: 'GB18030' as string,
    localCodeSystem: '',
    peers: '',
    facilities: '',
  };
  const [values, setValues] = useState(empty);
  const { busy, problem, run, refuse } = useSubmission();
  const [token, setToken] = useState<{ id: string; token: string } | null>(null);
  const set = (field: keyof typeof values) => (event: { target: { value: string | string[] } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const refusedAt = (field: string) => (isAboutField(problem, field) ? (problem?.detail ?? null) : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const facilities = facilitiesOf(values.facilities);
    if ('bad' in facilities) {
      refuse('facilities', t.form.facilitiesBad(facilities.bad));
      return;
    }
    const peers = lines(values.peers);
    await run(async () => {
      const registered = await registerSource(api, {
        id: values.id.trim(),
        name: values.name.trim(),
        format: values.format as (typeof SOURCE_FORMATS)[number],
        institutions: values.institutions,
        charset: values.charset as (typeof CHARSETS)[number],
        ...(Object.keys(facilities.map).length > 0 ? { facilities: facilities.map } : {}),
        ...(values.localCodeSystem.trim() ? { localCodeSystem: values.localCodeSystem.trim() } : {}),
        ...(peers.length > 0 ? { peers } : {}),
      });
      setToken(registered);
      setValues(empty);
      onRegistered();
    });
  };

  return (
    <Section heading={t.form.heading} level={3}>
      {token ? (
        <SecretShownOnce
          explanation={t.token(token.id)}
          label={t.tokenLabel}
          secret={token.token}
          onClose={() => setToken(null)}
        />
      ) : null}
      <Stack component="form" spacing={2} onSubmit={submit} sx={{ maxWidth: 640 }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            label={t.form.id}
            value={values.id}
            onChange={set('id')}
            required
            error={refusedAt('id') !== null}
            helperText={refusedAt('id')}
          />
          <TextField
            label={t.form.name}
            value={values.name}
            onChange={set('name')}
            required
            error={refusedAt('name') !== null}
            helperText={refusedAt('name')}
            sx={{ flex: 1 }}
          />
        </Stack>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField select label={t.form.format} value={values.format} onChange={set('format')} sx={{ minWidth: 200 }}>
            {SOURCE_FORMATS.map((format) => (
              <MenuItem key={format} value={format}>
                {t.formats[format] ?? format}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label={t.form.charset}
            value={values.charset}
            onChange={set('charset')}
            sx={{ minWidth: 240 }}
          >
            {CHARSETS.map((charset) => (
              <MenuItem key={charset} value={charset}>
                {charset}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <TextField
          select
          required
          label={t.form.institutions}
          value={values.institutions}
          onChange={set('institutions')}
          slotProps={{ select: { multiple: true } }}
          error={refusedAt('institutions') !== null}
          helperText={refusedAt('institutions')}
        >
          {hospitals.map((hospital) => (
            <MenuItem key={hospital.id} value={hospital.id}>
              {hospital.name}（{hospital.id}）
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={t.form.facilities}
          value={values.facilities}
          onChange={set('facilities')}
          multiline
          minRows={2}
          error={refusedAt('facilities') !== null}
          helperText={refusedAt('facilities')}
        />
        {values.format === 'hl7v2' ? (
          <TextField
            label={t.form.peers}
            value={values.peers}
            onChange={set('peers')}
            multiline
            minRows={2}
            error={refusedAt('peers') !== null}
            helperText={refusedAt('peers')}
          />
        ) : null}
        <TextField
          label={t.form.localCodeSystem}
          value={values.localCodeSystem}
          onChange={set('localCodeSystem')}
          error={refusedAt('localCodeSystem') !== null}
          helperText={refusedAt('localCodeSystem')}
        />
        {problem && !problem.field ? <ProblemNotice problem={problem} /> : null}
        <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: 'flex-start' }}>
          {busy ? t.form.submitting : t.form.submit}
        </Button>
      </Stack>
    </Section>
  );
}

import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import type { ConsoleApi } from '../consoles/console-api';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useSubmission } from '../consoles/useSubmission';
import { InstitutionSelect } from './InstitutionSelect';
import { usePlatformMessages } from './i18n/messages';
import { registerHisClient } from './platform-api';
import { SecretShownOnce } from './SecretShownOnce';

/** Registers a HIS for a hospital and shows its HMAC key once, to hand to the vendor. */
export function HisForm({
  api,
  hospitals,
  onRegistered,
}: {
  readonly api: ConsoleApi;
  readonly hospitals: readonly { readonly id: string; readonly name: string }[];
  readonly onRegistered: () => void;
}) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.connections.his;
  const [values, setValues] = useState({ id: '', name: '', hospitalId: '', origins: '' });
  const { busy, problem, run } = useSubmission();
  const [key, setKey] = useState<{ id: string; hmacKey: string } | null>(null);
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const refusedAt = (field: string) => (problem?.field === field ? problem.detail : null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const registered = await registerHisClient(api, {
        id: values.id.trim(),
        name: values.name.trim(),
        hospitalId: values.hospitalId,
        origins: values.origins
          .split(/[,，\s]+/)
          .map((origin) => origin.trim())
          .filter(Boolean),
      });
      setKey({ id: registered.id, hmacKey: registered.hmacKey });
      setValues({ id: '', name: '', hospitalId: '', origins: '' });
      onRegistered();
    });
  };
  return (
    <Section heading={t.form.heading} level={3}>
      {key ? (
        <SecretShownOnce
          explanation={t.key(key.id)}
          label={t.keyLabel}
          secret={key.hmacKey}
          onClose={() => setKey(null)}
        />
      ) : null}
      <Stack component="form" spacing={2} onSubmit={submit} sx={{ maxWidth: 560 }}>
        <Stack direction="row" spacing={2}>
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
          />
        </Stack>
        <InstitutionSelect
          required
          label={t.form.hospital}
          value={values.hospitalId}
          onChange={(id) => setValues((current) => ({ ...current, hospitalId: id }))}
          institutions={hospitals}
          refusal={refusedAt('hospitalId')}
        />
        <TextField
          label={t.form.origins}
          value={values.origins}
          onChange={set('origins')}
          error={refusedAt('origins') !== null}
          helperText={refusedAt('origins')}
        />
        {problem && !problem.field ? <ProblemNotice problem={problem} /> : null}
        <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: 'flex-start' }}>
          {busy ? t.form.submitting : t.form.submit}
        </Button>
      </Stack>
    </Section>
  );
}

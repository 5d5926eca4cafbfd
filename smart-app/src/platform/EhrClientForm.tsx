import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import type { ConsoleApi } from '../consoles/console-api';
import { isAboutField } from '../consoles/console-problems';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useSubmission } from '../consoles/useSubmission';
import { lines } from './form-lines';
import { InstitutionSelect } from './InstitutionSelect';
import { usePlatformMessages } from './i18n/messages';
import { registerEhrClient } from './platform-api';

/** What the form starts from: empty, or (rotating keys) the client's issuer and hospital. */
export interface EhrClientPreset {
  readonly issuer: string;
  readonly hospitalId: string;
  readonly fhirServers: readonly string[];
  readonly corsOrigins: readonly string[];
}

/**
 * Registers an EHR as a CDS client, or rotates its keys: the same issuer registered again takes the
 * new keys, and tokens signed with the old ones are refused from then on. Keys are a pasted JWKS or a
 * jku allowlist; the FHIR servers bound the addresses Huren reads for it; the web origins are the pages
 * a browser-based EHR calls from. A preset (rotating one row's keys) fills all but the keys; the page gives each preset a form of its own (`key`).
 */
export function EhrClientForm({
  api,
  hospitals,
  preset,
  onRegistered,
}: {
  readonly api: ConsoleApi;
  readonly hospitals: readonly { readonly id: string; readonly name: string }[];
  readonly preset: EhrClientPreset | null;
  readonly onRegistered: () => void;
}) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.connections.ehr.form;
  const empty = { issuer: '', hospitalId: '', mode: 'jwks', jwks: '', jku: '', fhirServers: '', corsOrigins: '' };
  // A preset (rotating a row's keys) is read once: the page mounts a new form for each row picked.
  const [values, setValues] = useState(() =>
    preset
      ? {
          ...empty,
          issuer: preset.issuer,
          hospitalId: preset.hospitalId,
          fhirServers: preset.fhirServers.join('\n'),
          corsOrigins: preset.corsOrigins.join('\n'),
        }
      : empty,
  );
  const { busy, problem, run, refuse } = useSubmission();
  const [saved, setSaved] = useState<string | null>(null);
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  // A refusal of one list entry (jwks.keys[0]) belongs to the list's field.
  const refusedAt = (field: string) => (isAboutField(problem, field) ? (problem?.detail ?? null) : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    let jwks: { keys: Record<string, unknown>[] } | null = null;
    if (values.mode === 'jwks') {
      try {
        jwks = JSON.parse(values.jwks) as { keys: Record<string, unknown>[] };
      } catch {
        refuse('jwks', t.jwksNotJson);
        return;
      }
    }
    await run(async () => {
      const fhirServers = lines(values.fhirServers);
      await registerEhrClient(api, {
        issuer: values.issuer.trim(),
        hospitalId: values.hospitalId,
        jwks,
        jkuAllowlist: values.mode === 'jku' ? lines(values.jku) : [],
        ...(fhirServers.length > 0 ? { fhirServers } : {}),
        corsOrigins: lines(values.corsOrigins),
      });
      setSaved(values.issuer.trim());
      setValues(empty);
      onRegistered();
    });
  };

  return (
    <Section heading={t.heading} level={3}>
      {saved ? (
        <Alert severity="success" role="status" onClose={() => setSaved(null)}>
          {t.saved(saved)}
        </Alert>
      ) : null}
      <Stack component="form" spacing={2} onSubmit={submit} sx={{ maxWidth: 640 }}>
        <TextField
          label={t.issuer}
          value={values.issuer}
          onChange={set('issuer')}
          required
          error={refusedAt('issuer') !== null}
          helperText={refusedAt('issuer')}
        />
        <InstitutionSelect
          required
          label={t.hospital}
          value={values.hospitalId}
          onChange={(id) => setValues((current) => ({ ...current, hospitalId: id }))}
          institutions={hospitals}
          refusal={refusedAt('hospitalId')}
        />
        <div role="radiogroup" aria-labelledby="ehr-keys-label">
          <FormLabel id="ehr-keys-label">{t.keys}</FormLabel>
          <RadioGroup row value={values.mode} onChange={set('mode')}>
            <FormControlLabel value="jwks" control={<Radio />} label={t.jwksMode} />
            <FormControlLabel value="jku" control={<Radio />} label={t.jkuMode} />
          </RadioGroup>
        </div>
        {values.mode === 'jwks' ? (
          <TextField
            label={t.jwks}
            // Rotating a row's keys: the new JWKS is what the operator came to paste.
            autoFocus={preset !== null}
            value={values.jwks}
            onChange={set('jwks')}
            required
            multiline
            minRows={4}
            error={refusedAt('jwks') !== null}
            helperText={refusedAt('jwks') ?? t.jwksHelp}
            slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
          />
        ) : (
          <TextField
            label={t.jku}
            value={values.jku}
            onChange={set('jku')}
            required
            multiline
            minRows={2}
            error={refusedAt('jkuAllowlist') !== null}
            helperText={refusedAt('jkuAllowlist')}
          />
        )}
        <TextField
          label={t.fhirServers}
          value={values.fhirServers}
          onChange={set('fhirServers')}
          multiline
          minRows={2}
          error={refusedAt('fhirServers') !== null}
          helperText={refusedAt('fhirServers')}
        />
        <TextField
          label={t.corsOrigins}
          value={values.corsOrigins}
          onChange={set('corsOrigins')}
          multiline
          minRows={2}
          error={refusedAt('corsOrigins') !== null}
          helperText={refusedAt('corsOrigins') ?? t.corsOriginsHelp}
        />
        {problem && !problem.field ? <ProblemNotice problem={problem} /> : null}
        <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: 'flex-start' }}>
          {busy ? t.submitting : t.submit}
        </Button>
      </Stack>
    </Section>
  );
}

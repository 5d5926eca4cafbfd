import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import type { RegionPolicy } from '../../../rules';
import type { InstitutionRecord } from '../../../server/contract/admin';
import type { ConsoleApi } from '../consoles/console-api';
import { consoleProblemOf, isAboutField, type ConsoleProblem } from '../consoles/console-problems';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { usePlatformMessages } from './i18n/messages';
import { saveInstitution } from './platform-api';

interface InstitutionFormProps {
  readonly api: ConsoleApi;
  /** Null for a new institution. */
  readonly institution: InstitutionRecord | null;
  readonly regions: readonly RegionPolicy[];
  readonly onCancel: () => void;
  readonly onSaved: (institution: InstitutionRecord) => void;
}

const splitList = (text: string): string[] =>
  text
    .split(/[,，、\s]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);

/**
 * Creates or edits one institution. The server checks it as it checks an import row (the region and
 * alliances must exist, the level is 1 to 3); a refusal is shown at the field it names.
 */
export function InstitutionForm({ api, institution, regions, onCancel, onSaved }: InstitutionFormProps) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.institutions;
  const f = t.form;
  const [values, setValues] = useState({
    id: institution?.id ?? '',
    name: institution?.name ?? '',
    level: String(institution?.level ?? 3),
    grade: institution?.grade ?? '',
    region: institution?.region ?? regions[0]?.code ?? '',
    alliances: institution?.alliances.join(', ') ?? '',
    localCodeSystems: institution?.localCodeSystems.join('\n') ?? '',
  });
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const [tried, setTried] = useState(false);
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const missing = (field: 'id' | 'name' | 'region') => tried && values[field].trim() === '';
  // A refusal of one list entry (localCodeSystems[1]) belongs to the list's field.
  const refusedAt = (field: string) => (isAboutField(problem, field) ? (problem?.detail ?? f.required) : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!values.id.trim() || !values.name.trim() || !values.region.trim()) return;
    const record: InstitutionRecord = {
      id: values.id.trim(),
      name: values.name.trim(),
      level: Number(values.level) as 1 | 2 | 3,
      grade: values.grade.trim() || null,
      region: values.region,
      alliances: splitList(values.alliances),
      localCodeSystems: values.localCodeSystems
        .split('\n')
        .map((system) => system.trim())
        .filter(Boolean),
    };
    setSaving(true);
    setProblem(null);
    try {
      await saveInstitution(api, record);
      onSaved(record);
    } catch (error) {
      setProblem(consoleProblemOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Section heading={institution ? f.editHeading(institution.name) : f.addHeading}>
      <Stack component="form" spacing={2} noValidate onSubmit={submit} sx={{ maxWidth: 560 }}>
        <TextField
          label={f.id}
          value={values.id}
          onChange={set('id')}
          required
          disabled={institution !== null}
          error={missing('id') || refusedAt('id') !== null}
          helperText={missing('id') ? f.required : (refusedAt('id') ?? f.idHint)}
        />
        <TextField
          label={f.name}
          value={values.name}
          onChange={set('name')}
          required
          error={missing('name') || refusedAt('name') !== null}
          helperText={missing('name') ? f.required : refusedAt('name')}
        />
        <Stack direction="row" spacing={2}>
          <TextField select label={f.level} value={values.level} onChange={set('level')} sx={{ minWidth: 140 }}>
            {([3, 2, 1] as const).map((level) => (
              <MenuItem key={level} value={String(level)}>
                {t.levels[level]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={f.grade}
            value={values.grade}
            onChange={set('grade')}
            error={refusedAt('grade') !== null}
            helperText={refusedAt('grade')}
          />
        </Stack>
        <TextField
          select
          label={f.region}
          value={values.region}
          onChange={set('region')}
          required
          error={missing('region') || refusedAt('region') !== null}
          helperText={missing('region') ? f.required : refusedAt('region')}
        >
          {regions.map((region) => (
            <MenuItem key={region.code} value={region.code}>
              {region.name}（{region.code}）
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={f.alliances}
          value={values.alliances}
          onChange={set('alliances')}
          error={refusedAt('alliances') !== null}
          helperText={refusedAt('alliances')}
        />
        <TextField
          label={f.codeSystem}
          multiline
          minRows={2}
          value={values.localCodeSystems}
          onChange={set('localCodeSystems')}
          error={refusedAt('localCodeSystems') !== null}
          helperText={refusedAt('localCodeSystems')}
        />
        {problem && !problem.field ? <ProblemNotice problem={problem} /> : null}
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={saving}>
            {saving ? f.saving : f.save}
          </Button>
          <Button onClick={onCancel} disabled={saving}>
            {f.cancel}
          </Button>
        </Stack>
      </Stack>
    </Section>
  );
}

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import {
  LOWER_LEVEL_ACCEPTANCE,
  MARK_FORMS,
  MARKED_LEVEL_RULES,
  type MarkForm,
  type RecognitionMark,
  type RegionPolicy,
} from '../../../rules';
import type { ConsoleApi } from '../consoles/console-api';
import { isAboutField } from '../consoles/console-problems';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useSubmission } from '../consoles/useSubmission';
import { lines } from './form-lines';
import { usePlatformMessages } from './i18n/messages';
import { regionDryRun, saveRegion } from './platform-api';

/** The fields that show their own refusal; any other is shown under the form. */
const FIELDS_SHOWN = ['name', 'marks', 'assessmentIntervalMonths', 'partnerRegions'] as const;

/** Marks as the form writes them: one a line, `text | form, form`. */
const marksText = (marks: readonly RecognitionMark[]) =>
  marks.map((mark) => `${mark.text} | ${mark.forms.join(', ')}`).join('\n');

/** The lines back as marks; the first line that is not one, as refused. */
function marksOf(text: string): { marks: RecognitionMark[] } | { bad: string } {
  const marks: RecognitionMark[] = [];
  for (const line of lines(text)) {
    const [mark, forms = '', ...rest] = line.split('|').map((part) => part.trim());
    const named = forms
      .split(/[,，]/)
      .map((form) => form.trim())
      .filter(Boolean);
    if (!mark || rest.length > 0 || named.length === 0 || !named.every((form) => MARK_FORMS.includes(form as MarkForm)))
      return { bad: line };
    marks.push({ text: mark, forms: named as MarkForm[] });
  }
  return { marks };
}

/**
 * A region's policy, edited whole and saved as its next version: the server checks it as the API does
 * (partner regions must exist), and the next card follows it.
 */
export function RegionForm({
  api,
  policy,
  otherRegions,
  onSaved,
  onCancel,
}: {
  readonly api: ConsoleApi;
  readonly policy: RegionPolicy;
  readonly otherRegions: readonly { readonly code: string; readonly name: string }[];
  readonly onSaved: (policy: RegionPolicy) => void;
  readonly onCancel: () => void;
}) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.regions.form;
  const [values, setValues] = useState({
    name: policy.name,
    markRequired: policy.markRequired,
    markedLevelRule: policy.markedLevelRule as string,
    annotationRequired: policy.annotationRequired,
    interval: policy.assessmentIntervalMonths === null ? '' : String(policy.assessmentIntervalMonths),
    lowerDefault: policy.lowerLevelAcceptance.default as string,
    lowerMax: policy.lowerLevelAcceptance.max as string,
    partners: [...policy.partnerRegions],
    labMarks: marksText(policy.marks.lab),
    imagingMarks: marksText(policy.marks.imaging),
  });
  const { busy, problem, run, refuse } = useSubmission();
  const [tried, setTried] = useState<string | null>(null);
  const set =
    <K extends keyof typeof values>(field: K) =>
    (value: (typeof values)[K]) =>
      setValues((current) => ({ ...current, [field]: value }));
  const refusedAt = (field: string) => (isAboutField(problem, field) ? (problem?.detail ?? null) : null);

  /** The form as a policy, or (a marks line it cannot read) null after showing why at the field. */
  const proposal = (): RegionPolicy | null => {
    const lab = marksOf(values.labMarks);
    if ('bad' in lab) {
      refuse('marks.lab', t.marksBad(lab.bad));
      return null;
    }
    const imaging = marksOf(values.imagingMarks);
    if ('bad' in imaging) {
      refuse('marks.imaging', t.marksBad(imaging.bad));
      return null;
    }
    return {
      code: policy.code,
      name: values.name.trim(),
      markRequired: values.markRequired,
      marks: { lab: lab.marks, imaging: imaging.marks },
      markedLevelRule: values.markedLevelRule as RegionPolicy['markedLevelRule'],
      annotationRequired: values.annotationRequired,
      assessmentIntervalMonths: values.interval.trim() === '' ? null : Number(values.interval),
      lowerLevelAcceptance: {
        default: values.lowerDefault as RegionPolicy['lowerLevelAcceptance']['default'],
        max: values.lowerMax as RegionPolicy['lowerLevelAcceptance']['max'],
      },
      partnerRegions: values.partners,
    };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = proposal();
    if (!saved) return;
    await run(async () => {
      await saveRegion(api, saved);
      onSaved(saved);
    });
  };

  const tryIt = async () => {
    setTried(null);
    const proposed = proposal();
    if (!proposed) return;
    await run(async () => {
      const report = await regionDryRun(api, proposed);
      setTried(t.tried(report.hospitals, report.evaluated, report.wouldDisappear, report.acceptedAmongDisappearing));
    });
  };

  const acceptance = (label: string, value: string, onChange: (value: string) => void) => (
    <TextField
      select
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      sx={{ minWidth: 220 }}
    >
      {LOWER_LEVEL_ACCEPTANCE.map((option) => (
        <MenuItem key={option} value={option}>
          {t.acceptance[option]}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Section heading={t.heading(policy.name)} level={3}>
      <Stack component="form" spacing={2} onSubmit={submit} sx={{ maxWidth: 720 }}>
        <TextField
          label={t.name}
          value={values.name}
          onChange={(event) => set('name')(event.target.value)}
          required
          error={refusedAt('name') !== null}
          helperText={refusedAt('name')}
        />
        <FormControlLabel
          control={
            <Checkbox checked={values.markRequired} onChange={(event) => set('markRequired')(event.target.checked)} />
          }
          label={t.markRequired}
        />
        <TextField
          label={t.labMarks}
          value={values.labMarks}
          onChange={(event) => set('labMarks')(event.target.value)}
          multiline
          minRows={2}
          error={refusedAt('marks.lab') !== null}
          helperText={refusedAt('marks.lab')}
        />
        <TextField
          label={t.imagingMarks}
          value={values.imagingMarks}
          onChange={(event) => set('imagingMarks')(event.target.value)}
          multiline
          minRows={2}
          error={refusedAt('marks.imaging') !== null}
          helperText={refusedAt('marks.imaging')}
        />
        <TextField
          select
          label={t.markedLevelRule}
          value={values.markedLevelRule}
          onChange={(event) => set('markedLevelRule')(event.target.value)}
        >
          {MARKED_LEVEL_RULES.map((rule) => (
            <MenuItem key={rule} value={rule}>
              {t.levelRules[rule]}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Checkbox
              checked={values.annotationRequired}
              onChange={(event) => set('annotationRequired')(event.target.checked)}
            />
          }
          label={t.annotationRequired}
        />
        <TextField
          label={t.interval}
          type="number"
          value={values.interval}
          onChange={(event) => set('interval')(event.target.value)}
          slotProps={{ htmlInput: { min: 1, max: 60 } }}
          error={refusedAt('assessmentIntervalMonths') !== null}
          helperText={refusedAt('assessmentIntervalMonths')}
          sx={{ maxWidth: 320 }}
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          {acceptance(t.lowerDefault, values.lowerDefault, set('lowerDefault'))}
          {acceptance(t.lowerMax, values.lowerMax, set('lowerMax'))}
        </Stack>
        <TextField
          select
          label={t.partners}
          value={values.partners}
          onChange={(event) => set('partners')(event.target.value as unknown as string[])}
          slotProps={{ select: { multiple: true } }}
          error={refusedAt('partnerRegions') !== null}
          helperText={refusedAt('partnerRegions')}
        >
          {otherRegions.map((region) => (
            <MenuItem key={region.code} value={region.code}>
              {region.name}（{region.code}）
            </MenuItem>
          ))}
        </TextField>
        {problem && !FIELDS_SHOWN.some((field) => isAboutField(problem, field)) ? (
          <ProblemNotice problem={problem} />
        ) : null}
        {tried ? (
          <Alert severity="info" role="status">
            {tried}
            <Typography variant="body2">{t.limits}</Typography>
          </Alert>
        ) : null}
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy ? t.saving : t.save}
          </Button>
          <Button variant="outlined" disabled={busy} onClick={() => void tryIt()}>
            {t.tryIt}
          </Button>
          <Button onClick={onCancel} disabled={busy}>
            {t.cancel}
          </Button>
        </Stack>
      </Stack>
    </Section>
  );
}

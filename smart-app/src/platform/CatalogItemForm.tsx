import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import {
  ANNOTATIONS,
  DISCIPLINES,
  ITEM_KINDS,
  WINDOW_UNITS,
  type Discipline,
  type RecognitionItem,
} from '../../../rules';
import type { ConsoleApi } from '../consoles/console-api';
import { isAboutField } from '../consoles/console-problems';
import { useConsoleMessages } from '../consoles/i18n/messages';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useSubmission } from '../consoles/useSubmission';
import { usePlatformMessages } from './i18n/messages';
import { saveCatalogItem } from './platform-api';

/** The fields that show their own refusal; any other is shown under the form. */
const FIELDS_SHOWN = ['code', 'nameZh', 'nameEn', 'modality', 'window', 'contains', 'synonyms', 'loinc', 'priceFen'];

const list = (text: string) =>
  text
    .split(/[,，、;；]/)
    .map((part) => part.trim())
    .filter(Boolean);

/** A catalog item, new or changed, sent whole; the server checks it as the API does. */
export function CatalogItemForm({
  api,
  item,
  onSaved,
  onCancel,
}: {
  readonly api: ConsoleApi;
  readonly item: RecognitionItem | null;
  readonly onSaved: (item: RecognitionItem) => void;
  readonly onCancel: () => void;
}) {
  const { messages } = usePlatformMessages();
  const { messages: shared } = useConsoleMessages();
  const t = messages.platform.catalog.form;
  const words = messages.platform.catalog;
  const [values, setValues] = useState({
    code: item?.code ?? '',
    nameZh: item?.nameZh ?? '',
    nameEn: item?.nameEn ?? '',
    kind: (item?.kind ?? 'lab') as string,
    discipline: (item?.discipline ?? 'chemistry') as string,
    modality: item?.modality ?? '',
    bodySite: item?.bodySite ?? '',
    amount: String(item?.window.amount ?? 30),
    unit: (item?.window.unit ?? 'days') as string,
    annotation: (item?.annotation ?? 'none') as string,
    contains: item?.contains.join(', ') ?? '',
    synonyms: item?.synonyms.join('、') ?? '',
    loinc: item?.loinc ?? '',
    price: item ? (item.priceFen / 100).toFixed(2) : '',
    onRegionalList: item?.onRegionalList ?? true,
    active: item?.active ?? true,
  });
  const { busy, problem, run } = useSubmission();
  const text = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const refusedAt = (field: string) => (isAboutField(problem, field) ? (problem?.detail ?? null) : null);
  const field = (name: keyof typeof values, label: string, refusal: string = name, extra: object = {}) => (
    <TextField
      label={label}
      value={values[name]}
      onChange={text(name)}
      error={refusedAt(refusal) !== null}
      helperText={refusedAt(refusal)}
      {...extra}
    />
  );
  const select = (
    name: keyof typeof values,
    label: string,
    options: readonly string[],
    word: (o: string) => string,
  ) => (
    <TextField select label={label} value={values[name]} onChange={text(name)} sx={{ minWidth: 180 }}>
      {options.map((option) => (
        <MenuItem key={option} value={option}>
          {word(option)}
        </MenuItem>
      ))}
    </TextField>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved: RecognitionItem = {
      code: values.code.trim(),
      nameZh: values.nameZh.trim(),
      nameEn: values.nameEn.trim(),
      kind: values.kind as RecognitionItem['kind'],
      discipline: values.discipline as RecognitionItem['discipline'],
      modality: values.kind === 'imaging' ? values.modality.trim() || null : null,
      bodySite: values.bodySite.trim() || null,
      window: { amount: Number(values.amount), unit: values.unit as RecognitionItem['window']['unit'] },
      annotation: values.annotation as RecognitionItem['annotation'],
      contains: list(values.contains),
      synonyms: list(values.synonyms),
      onRegionalList: values.onRegionalList,
      loinc: values.loinc.trim() || null,
      priceFen: Math.round(Number(values.price) * 100),
      active: values.active,
    };
    await run(async () => {
      await saveCatalogItem(api, saved);
      onSaved(saved);
    });
  };

  return (
    <Section heading={item ? t.editHeading(item.nameZh) : t.addHeading} level={3}>
      <Stack component="form" spacing={2} onSubmit={submit} sx={{ maxWidth: 720 }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          {field('code', t.code, 'code', { required: true, disabled: item !== null })}
          {field('nameZh', t.nameZh, 'nameZh', { required: true, sx: { flex: 1 } })}
          {field('nameEn', t.nameEn, 'nameEn', { required: true, sx: { flex: 1 } })}
        </Stack>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          {select('kind', t.kind, ITEM_KINDS, (kind) => words.kinds[kind] ?? kind)}
          {select('discipline', t.discipline, DISCIPLINES, (d) => shared.consoles.disciplines[d as Discipline] ?? d)}
          {values.kind === 'imaging' ? field('modality', t.modality, 'modality', { required: true }) : null}
        </Stack>
        {values.kind === 'imaging' ? field('bodySite', t.bodySite, 'bodySite') : null}
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          {field('amount', t.window, 'window', {
            type: 'number',
            required: true,
            slotProps: { htmlInput: { min: 0 } },
          })}
          {select('unit', t.unit, WINDOW_UNITS, (unit) => words.units[unit] ?? unit)}
          {select('annotation', t.annotation, ANNOTATIONS, (a) => words.annotations[a] ?? a)}
        </Stack>
        {field('contains', t.contains)}
        {field('synonyms', t.synonyms)}
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          {field('loinc', t.loinc)}
          {field('price', t.price, 'priceFen', {
            type: 'number',
            required: true,
            slotProps: { htmlInput: { min: 0, step: 0.01 } },
          })}
        </Stack>
        <Stack direction="row" spacing={2}>
          <FormControlLabel
            control={
              <Checkbox
                checked={values.onRegionalList}
                onChange={(event) => setValues((current) => ({ ...current, onRegionalList: event.target.checked }))}
              />
            }
            label={t.listed}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={values.active}
                onChange={(event) => setValues((current) => ({ ...current, active: event.target.checked }))}
              />
            }
            label={t.activeLabel}
          />
        </Stack>
        {problem && !FIELDS_SHOWN.some((name) => isAboutField(problem, name)) ? (
          <ProblemNotice problem={problem} />
        ) : null}
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy ? t.saving : t.save}
          </Button>
          <Button onClick={onCancel} disabled={busy}>
            {t.cancel}
          </Button>
        </Stack>
      </Stack>
    </Section>
  );
}

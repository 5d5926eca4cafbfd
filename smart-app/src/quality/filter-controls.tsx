import Autocomplete from '@mui/material/Autocomplete';
import { itemSearch } from '../shared/item-search';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { useQualityMessages } from './i18n/messages';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

interface ChoiceProps {
  readonly label: string;
  readonly value: string | undefined;
  readonly choices: readonly Choice[];
  readonly onChange: (value: string | undefined) => void;
}

/** A value from a shared link that the period's choices lack still shows, as its code. */
function withCurrent(choices: readonly Choice[], value: string | undefined): readonly Choice[] {
  return value === undefined || choices.some((choice) => choice.value === value)
    ? choices
    : [...choices, { value, label: value }];
}

/** A short list: a select, "all" first. */
export function ChoiceFilter({ label, value, choices, onChange }: ChoiceProps) {
  const { messages } = useQualityMessages();
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || undefined)}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      sx={{ minWidth: 150 }}
    >
      <MenuItem value="">{messages.quality.filters.all}</MenuItem>
      {withCurrent(choices, value).map((choice) => (
        <MenuItem key={choice.value} value={choice.value}>
          {choice.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A long list (doctors, items): type to find, by name, code or pinyin, the closest first. */
export function SearchFilter({ label, value, choices, onChange }: ChoiceProps) {
  const { messages } = useQualityMessages();
  const options = withCurrent(choices, value);
  // A choice is labelled `name (code)`: the name is searched as clinicians type it (xcg → 血常规), the code as a code.
  const search = useMemo(
    () =>
      itemSearch(options, (choice) => ({ names: [choice.label.replace(/\s*\([^)]*\)$/, '')], codes: [choice.value] })),
    [options],
  );
  return (
    <Autocomplete
      size="small"
      options={options}
      filterOptions={(shown, state) => search(state.inputValue, shown.length)}
      value={options.find((choice) => choice.value === value) ?? null}
      getOptionLabel={(choice) => choice.label}
      getOptionKey={(choice) => choice.value}
      isOptionEqualToValue={(option, selected) => option.value === selected.value}
      onChange={(_event, choice) => onChange(choice?.value)}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          placeholder={messages.quality.filters.all}
          slotProps={{ ...params.slotProps, inputLabel: { shrink: true } }}
        />
      )}
      sx={{ minWidth: 220 }}
    />
  );
}

interface DateFilterProps {
  readonly label: string;
  /** The day chosen (from the URL), or the period's day the server used when none was. */
  readonly value: string | null;
  readonly onCommit: (day: string) => void;
}

const DAY = 'YYYY-MM-DD';

/**
 * A day of the period. Typing a date changes one part at a time, and each part makes a valid date:
 * the day is taken once typing pauses (or at once when picked from the calendar), not at every key.
 */
export function DateFilter({ label, value, onCommit }: DateFilterProps) {
  const [draft, setDraft] = useState<Dayjs | null>(value ? dayjs(value) : null);
  useEffect(() => {
    // The URL changed (back button, cleared filters): show its day.
    setDraft((shown) => (value && shown?.format(DAY) === value ? shown : value ? dayjs(value) : null));
  }, [value]);
  const commit = useEffectEvent((day: string) => onCommit(day));
  useEffect(() => {
    if (!draft?.isValid() || draft.format(DAY) === value) return undefined;
    const timer = setTimeout(() => commit(draft.format(DAY)), 600);
    return () => clearTimeout(timer);
  }, [draft, value]);
  return (
    <DatePicker
      label={label}
      value={draft}
      format={DAY}
      onChange={setDraft}
      onAccept={(picked) => {
        if (picked?.isValid()) onCommit(picked.format(DAY));
      }}
      slotProps={{ textField: { size: 'small', sx: { width: 170 } } }}
    />
  );
}

import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useId } from 'react';

/** One group of choices, or two: the second under its own caption (the reasons not counted). */
export interface ChoiceGroups<T extends string> {
  readonly first: readonly { readonly value: T; readonly label: string }[];
  readonly second?: {
    readonly caption: string;
    readonly options: readonly { readonly value: T; readonly label: string }[];
  };
}

/** A required radio fieldset whose error is read out with it (aria-describedby). */
export function ChoiceField<T extends string>({
  legend,
  name,
  groups,
  value,
  error,
  row = false,
  onChange,
}: {
  readonly legend: string;
  readonly name: string;
  readonly groups: ChoiceGroups<T>;
  readonly value: T | null;
  readonly error: string | undefined;
  readonly row?: boolean;
  readonly onChange: (value: T | null) => void;
}) {
  const ids = { legend: useId(), error: useId() };
  const options = [...groups.first, ...(groups.second?.options ?? [])];
  const radio = (option: { readonly value: T; readonly label: string }) => (
    <FormControlLabel key={option.value} value={option.value} control={<Radio />} label={option.label} />
  );
  return (
    <FormControl component="fieldset" required error={Boolean(error)}>
      <FormLabel component="legend" id={ids.legend}>
        {legend}
      </FormLabel>
      <RadioGroup
        row={row}
        aria-labelledby={ids.legend}
        aria-describedby={error ? ids.error : undefined}
        name={name}
        value={value ?? ''}
        onChange={(event) => onChange(options.find((option) => option.value === event.target.value)?.value ?? null)}
      >
        {groups.first.map(radio)}
        {groups.second && groups.second.options.length > 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {groups.second.caption}
          </Typography>
        ) : null}
        {groups.second?.options.map(radio)}
      </RadioGroup>
      {error ? <FormHelperText id={ids.error}>{error}</FormHelperText> : null}
    </FormControl>
  );
}

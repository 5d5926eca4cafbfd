import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';

/** Picks a registered institution by its name (its code beside it); a refusal shows under it. */
export function InstitutionSelect({
  label,
  value,
  onChange,
  institutions,
  refusal = null,
  required = false,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (id: string) => void;
  readonly institutions: readonly { readonly id: string; readonly name: string }[];
  readonly refusal?: string | null;
  readonly required?: boolean;
}) {
  return (
    <TextField
      select
      required={required}
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={refusal !== null}
      helperText={refusal}
      sx={{ minWidth: 320 }}
    >
      {institutions.map((institution) => (
        <MenuItem key={institution.id} value={institution.id}>
          {institution.name}（{institution.id}）
        </MenuItem>
      ))}
    </TextField>
  );
}

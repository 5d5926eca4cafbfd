import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import { Legend } from '../consoles/Legend';
import { useAdminMessages } from './i18n/messages';
import type { Discipline } from './admin-model';
import type { RuleNames } from './rule-words';

interface DisciplineSwitchesProps {
  readonly disciplines: readonly string[];
  readonly off: readonly Discipline[];
  readonly names: RuleNames;
  readonly onChange: (off: readonly Discipline[]) => void;
}

/** One checkbox per discipline of the region's list: ticked is switched off. */
export function DisciplineSwitches({ disciplines, off, names, onChange }: DisciplineSwitchesProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.editor.disciplines;
  // The bounds list the disciplines as plain strings; only the rules' own (the catalog's keys) can be switched.
  const known: Readonly<Record<string, string>> = messages.consoles.disciplines;
  const isDiscipline = (code: string): code is Discipline => Object.hasOwn(known, code);
  return (
    <FormControl component="fieldset">
      <Legend>{t.heading}</Legend>
      <FormHelperText sx={{ mx: 0 }}>{t.hint}</FormHelperText>
      <FormGroup row>
        {disciplines.filter(isDiscipline).map((discipline) => (
          <FormControlLabel
            key={discipline}
            label={names.discipline(discipline)}
            control={
              <Checkbox
                checked={off.includes(discipline)}
                slotProps={{ input: { 'aria-label': t.off(names.discipline(discipline)) } }}
                onChange={(event) =>
                  onChange(event.target.checked ? [...off, discipline] : off.filter((code) => code !== discipline))
                }
              />
            }
          />
        ))}
      </FormGroup>
    </FormControl>
  );
}

import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import UndoIcon from '@mui/icons-material/Undo';
import { Section } from '../consoles/Section';
import { useAdminMessages } from './i18n/messages';
import type { RecognitionItem } from './admin-model';
import { ItemPicker } from './ItemPicker';
import type { WindowProblem } from './override-draft';
import type { RuleNames } from './rule-words';

interface WindowOverridesProps {
  readonly catalog: readonly RecognitionItem[];
  readonly windows: Readonly<Record<string, string>>;
  readonly names: RuleNames;
  /** The editor's own finding per item code. */
  readonly problems: ReadonlyMap<string, WindowProblem>;
  /** The server's refusal per item code (`windowDays.<code>`), as words. */
  readonly refusals: ReadonlyMap<string, string>;
  readonly onChange: (windows: Readonly<Record<string, string>>) => void;
}

/** Narrower windows, one row per item: the days, with the region's bound beside and any refusal beneath. */
export function WindowOverrides({ catalog, windows, names, problems, refusals, onChange }: WindowOverridesProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.editor.windows;
  const codes = Object.keys(windows);
  const without = (code: string) => Object.fromEntries(Object.entries(windows).filter(([other]) => other !== code));
  const complaint = (code: string): string | null => {
    const problem = problems.get(code);
    if (problem) return problem.kind === 'not-whole' ? t.notWhole : t.tooLong(problem.bound);
    return refusals.get(code) ?? null;
  };
  return (
    <Section level={3} heading={t.heading}>
      <Typography variant="body2" color="text.secondary">
        {t.hint}
      </Typography>
      <ItemPicker
        items={catalog}
        exclude={codes}
        label={t.search}
        action={t.add}
        onPick={(item) => onChange({ ...windows, [item.code]: String(names.bound(item.code) ?? '') })}
      />
      {codes.length === 0 ? <Typography variant="body2">{t.none}</Typography> : null}
      {codes.map((code) => {
        const bound = names.bound(code);
        const said = complaint(code);
        return (
          <Stack key={code} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              size="small"
              label={t.days(names.item(code))}
              value={windows[code]}
              onChange={(event) => onChange({ ...windows, [code]: event.target.value })}
              error={said !== null}
              helperText={said ?? (bound === undefined ? undefined : t.bound(bound))}
              slotProps={{ htmlInput: { inputMode: 'numeric', min: 0, max: bound } }}
              sx={{ width: 320 }}
            />
            <IconButton aria-label={t.remove(names.item(code))} onClick={() => onChange(without(code))}>
              <UndoIcon />
            </IconButton>
          </Stack>
        );
      })}
    </Section>
  );
}

import Typography from '@mui/material/Typography';
import { useAdminMessages } from './i18n/messages';
import type { OverrideChange } from './override-changes';
import { describeChange, type RuleNames } from './rule-words';

/** Changes to the rules as a list of sentences; "no change" when a version saved the same rules again. */
export function ChangeList({
  changes,
  names,
  label,
}: {
  readonly changes: readonly OverrideChange[];
  readonly names: RuleNames;
  readonly label?: string;
}) {
  const { messages } = useAdminMessages();
  if (changes.length === 0) return <Typography variant="body2">{messages.admin.changes.none}</Typography>;
  return (
    <Typography component="ul" variant="body2" aria-label={label} sx={{ m: 0, pl: 3 }}>
      {changes.map((change) => {
        const sentence = describeChange(change, messages, names);
        return <li key={sentence}>{sentence}</li>;
      })}
    </Typography>
  );
}

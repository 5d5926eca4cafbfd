import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import UndoIcon from '@mui/icons-material/Undo';
import { Section } from '../consoles/Section';
import { useAdminMessages } from './i18n/messages';
import type { RecognitionItem } from './admin-model';
import { ItemPicker } from './ItemPicker';
import type { RuleNames } from './rule-words';

interface DisabledItemsProps {
  readonly catalog: readonly RecognitionItem[];
  readonly off: readonly string[];
  readonly names: RuleNames;
  readonly onChange: (off: readonly string[]) => void;
}

/** Single items switched off: found in the catalog, listed each with a button to switch it on again. */
export function DisabledItems({ catalog, off, names, onChange }: DisabledItemsProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.editor.items;
  return (
    <Section level={3} heading={t.heading}>
      <ItemPicker
        items={catalog}
        exclude={off}
        label={t.search}
        action={t.add}
        onPick={(item) => onChange([...off, item.code])}
      />
      {off.length === 0 ? (
        <Typography variant="body2">{t.none}</Typography>
      ) : (
        <List dense aria-label={t.heading}>
          {off.map((code) => (
            <ListItem
              key={code}
              secondaryAction={
                <IconButton
                  edge="end"
                  aria-label={t.remove(names.item(code))}
                  onClick={() => onChange(off.filter((other) => other !== code))}
                >
                  <UndoIcon />
                </IconButton>
              }
            >
              <ListItemText primary={names.item(code)} secondary={code} />
            </ListItem>
          ))}
        </List>
      )}
    </Section>
  );
}

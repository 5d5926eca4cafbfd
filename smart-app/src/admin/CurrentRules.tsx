import Typography from '@mui/material/Typography';
import { localTime } from '../consoles/format';
import { Section } from '../consoles/Section';
import { useAdminMessages } from './i18n/messages';
import type { RulesState } from './admin-model';
import { ChangeList } from './ChangeList';
import { overrideChanges } from './override-changes';
import type { RuleNames } from './rule-words';

/** The rules in force: which version, who changed it when, and how it departs from the region's defaults. */
export function CurrentRules({ state, names }: { readonly state: RulesState; readonly names: RuleNames }) {
  const { messages } = useAdminMessages();
  const t = messages.admin.current;
  const departures = overrideChanges(null, state.override);
  return (
    <Section heading={t.heading}>
      <Typography>
        {state.version === 0
          ? t.never
          : t.version(
              state.version,
              state.updatedBy ?? '',
              state.updatedAt ? localTime(state.updatedAt, messages.time.format) : '',
            )}
      </Typography>
      {departures.length === 0 ? (
        state.version === 0 ? null : (
          <Typography variant="body2">{t.defaults}</Typography>
        )
      ) : (
        <ChangeList changes={departures} names={names} />
      )}
    </Section>
  );
}

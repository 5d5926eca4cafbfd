import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { consoleProblemOf, type ConsoleProblem } from '../consoles/console-problems';
import { localTime } from '../consoles/format';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useAdminMessages } from './i18n/messages';
import type { AdminApi } from './admin-api';
import type { OverrideHistory, OverrideVersion, RulesState } from './admin-model';
import { ChangeList } from './ChangeList';
import { overrideChanges } from './override-changes';
import type { RuleNames } from './rule-words';

interface RulesHistoryProps {
  readonly api: AdminApi;
  readonly history: OverrideHistory;
  readonly current: number;
  /** Whether the rules in force are the region's defaults already (no hospital rule). */
  readonly atDefaults: boolean;
  readonly names: RuleNames;
  readonly onRolledBack: (state: RulesState, to: number) => void;
}

/** Every version, newest first: who, when, and before → after in words; any earlier version can be brought back. */
export function RulesHistory({ api, history, current, atDefaults, names, onRolledBack }: RulesHistoryProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.history;
  /** The version to bring back, or `defaults` for the region's defaults (version 0). */
  const [asked, setAsked] = useState<OverrideVersion | 'defaults' | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const close = () => {
    setAsked(null);
    setProblem(null);
  };
  const rollBack = async (version: number) => {
    setBusy(true);
    setProblem(null);
    try {
      onRolledBack(await api.rollback(version), version);
      close();
    } catch (error) {
      setProblem(consoleProblemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section heading={t.heading}>
      {history.length === 0 ? <Typography variant="body2">{t.empty}</Typography> : null}
      {history.length > 0 && !atDefaults ? (
        <Button
          size="small"
          variant="outlined"
          sx={{ alignSelf: 'flex-start', mb: 1 }}
          onClick={() => setAsked('defaults')}
        >
          {t.toDefaults}
        </Button>
      ) : null}
      <List aria-label={t.heading} disablePadding>
        {[...history].reverse().map((version) => (
          <ListItem key={version.version} divider sx={{ display: 'block', px: 0 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography component="h3" variant="subtitle2">
                {t.entry(
                  version.version,
                  t.actions[version.action],
                  version.updatedBy,
                  localTime(version.updatedAt, messages.time.format),
                )}
              </Typography>
              {version.version === current ? <Chip size="small" color="primary" label={t.current} /> : null}
              {version.version === current ? null : (
                <Button size="small" onClick={() => setAsked(version)}>
                  {t.rollback(version.version)}
                </Button>
              )}
            </Stack>
            <ChangeList changes={overrideChanges(version.before, version.override)} names={names} />
          </ListItem>
        ))}
      </List>
      {asked ? (
        <Dialog open onClose={close}>
          <DialogTitle>{asked === 'defaults' ? t.confirmDefaultsTitle : t.confirmTitle(asked.version)}</DialogTitle>
          <DialogContent>
            <DialogContentText>{asked === 'defaults' ? t.confirmDefaultsText : t.confirmText}</DialogContentText>
            {problem ? <ProblemNotice problem={problem} /> : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>{t.cancel}</Button>
            <Button
              variant="contained"
              disabled={busy}
              onClick={() => void rollBack(asked === 'defaults' ? 0 : asked.version)}
            >
              {t.confirm}
            </Button>
          </DialogActions>
        </Dialog>
      ) : null}
    </Section>
  );
}

import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { consoleProblemOf, type ConsoleProblem } from '../consoles/console-problems';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useAdminMessages } from './i18n/messages';
import type { AdminApi } from './admin-api';
import type { DryRunReportView, RecognitionItem, RulesState } from './admin-model';
import { ChangeList } from './ChangeList';
import { DisabledItems } from './DisabledItems';
import { DisciplineSwitches } from './DisciplineSwitches';
import { DryRunReport } from './DryRunReport';
import { GeneralSettings } from './GeneralSettings';
import { overrideChanges } from './override-changes';
import { draftOf, overrideOf, windowProblems, type OverrideDraft } from './override-draft';
import type { RuleNames } from './rule-words';
import { WindowOverrides } from './WindowOverrides';

interface RulesEditorProps {
  readonly api: AdminApi;
  readonly state: RulesState;
  readonly catalog: readonly RecognitionItem[];
  readonly names: RuleNames;
  readonly onSaved: (state: RulesState) => void;
}

const WINDOW_FIELD = 'windowDays.';

/**
 * The hospital's override as a form. A change is saved only after a dry run of exactly that change
 * has been shown: every edit after the dry run asks for a new one.
 */
export function RulesEditor({ api, state, catalog, names, onSaved }: RulesEditorProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.editor;
  const [draft, setDraft] = useState<OverrideDraft>(() => draftOf(state.override));
  const [days, setDays] = useState('30');
  const [dryRun, setDryRun] = useState<{ readonly report: DryRunReportView; readonly of: string } | null>(null);
  const [busy, setBusy] = useState<'dry-run' | 'save' | null>(null);
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);

  const problems = windowProblems(draft, state.bounds.windowDays);
  const override = overrideOf(draft);
  const proposal = JSON.stringify(override);
  const changes = problems.size === 0 ? overrideChanges(state.override, override) : [];
  const daysValid = /^\d{1,3}$/.test(days) && Number(days) >= 1 && Number(days) <= 365;
  const dryRunShown = dryRun?.of === proposal;

  // A refusal that names a field is shown at that field; anything else beneath the buttons.
  const refusal = problem ? `${messages.consoles.problems.kinds[problem.kind]} ${problem.detail ?? ''}`.trim() : null;
  const windowRefusals = new Map<string, string>();
  if (problem?.field?.startsWith(WINDOW_FIELD) && refusal)
    windowRefusals.set(problem.field.slice(WINDOW_FIELD.length), refusal);
  const acceptanceRefusal = problem?.field === 'lowerLevelAcceptance' ? refusal : null;
  const elsewhere = problem && windowRefusals.size === 0 && acceptanceRefusal === null ? problem : null;

  const edit = (next: OverrideDraft) => {
    setDraft(next);
    setProblem(null);
  };
  const attempt = async (what: 'dry-run' | 'save', action: () => Promise<void>) => {
    setBusy(what);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(consoleProblemOf(error));
    } finally {
      setBusy(null);
    }
  };
  const runDry = () =>
    attempt('dry-run', async () => setDryRun({ report: await api.dryRun(override, Number(days)), of: proposal }));
  const save = () => attempt('save', async () => onSaved(await api.save(override)));

  const status =
    problems.size > 0 ? t.fixFields : changes.length === 0 ? t.unchanged : dryRunShown ? null : t.dryRunFirst;
  return (
    <Section heading={t.heading}>
      <DisciplineSwitches
        disciplines={state.bounds.disciplines}
        off={draft.disabledDisciplines}
        names={names}
        onChange={(off) => edit({ ...draft, disabledDisciplines: off })}
      />
      <DisabledItems
        catalog={catalog}
        off={draft.disabledItems}
        names={names}
        onChange={(off) => edit({ ...draft, disabledItems: off })}
      />
      <WindowOverrides
        catalog={catalog}
        windows={draft.windowDays}
        names={names}
        problems={problems}
        refusals={windowRefusals}
        onChange={(windowDays) => edit({ ...draft, windowDays })}
      />
      <GeneralSettings
        draft={draft}
        acceptanceBounds={state.bounds.lowerLevelAcceptance}
        acceptanceRefusal={acceptanceRefusal}
        onChange={edit}
      />
      {changes.length > 0 ? (
        <div>
          <Typography variant="subtitle2">{t.pending}</Typography>
          <ChangeList changes={changes} names={names} label={t.pending} />
        </div>
      ) : null}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}>
        <TextField
          size="small"
          label={t.days}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          error={!daysValid}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          sx={{ width: 120 }}
        />
        <Button
          variant="outlined"
          disabled={busy !== null || changes.length === 0 || !daysValid}
          onClick={() => void runDry()}
        >
          {busy === 'dry-run' ? t.dryRunning : t.dryRun}
        </Button>
        <Button
          variant="contained"
          disabled={busy !== null || changes.length === 0 || !dryRunShown}
          onClick={() => void save()}
        >
          {busy === 'save' ? t.saving : t.save}
        </Button>
        <Button
          disabled={busy !== null}
          onClick={() => {
            edit(draftOf(state.override));
            setDryRun(null);
          }}
        >
          {t.discard}
        </Button>
      </Stack>
      {status ? (
        <Typography role="status" variant="body2" color="text.secondary">
          {status}
        </Typography>
      ) : null}
      {elsewhere ? <ProblemNotice problem={elsewhere} /> : null}
      {dryRun ? <DryRunReport report={dryRun.report} stale={!dryRunShown} names={names} /> : null}
    </Section>
  );
}

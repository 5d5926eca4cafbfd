import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ProblemAlert } from '../shared/ProblemScreen';
import { useLanguage } from '../i18n/language';
import type { CardSession } from '../launch/smart';
import {
  EMPTY_SHEET,
  NotificationSheet,
  sheetFromDecision,
  sheetFromForm,
  type SheetContent,
} from '../notification/NotificationSheet';
import { DecisionHistory } from './DecisionHistory';
import { DecisionSummary } from './DecisionSummary';
import { ExcludedResults } from './ExcludedResults';
import { initialValues, type ExceptionValues } from './exception-input';
import { activeDecision, type PromptView } from './model';
import { OrderHeader } from './OrderHeader';
import type { PromptApi } from './prompt-api';
import { ResultChoice } from './ResultChoice';
import { useDecisionActions } from './useDecisionActions';
import { usePromised } from './usePromised';

interface DecisionScreenProps {
  readonly session: CardSession;
  readonly api: PromptApi;
  readonly view: PromptView;
  readonly onView: (update: (view: PromptView) => PromptView) => void;
  readonly onReload: () => void;
}

/** Choosing among the results (`choose`), filling in an exception (`exception`), or the decision in force (null). */
type Editing = { readonly step: 'choose' } | { readonly step: 'exception'; readonly values: ExceptionValues } | null;

/** One card: the ordered item, the results to choose from, the decision and its history. */
export function DecisionScreen({ session, api, view, onView, onReload }: DecisionScreenProps) {
  const { messages } = useLanguage();
  const practitioner = usePromised('practitioner', session.practitioner);
  const patient = usePromised('patient', session.patient);
  const [editing, setEditing] = useState<Editing>(null);
  const [sheet, setSheet] = useState<SheetContent | null>(null);
  const actions = useDecisionActions({ session, api, view, onView, onReload, onDecided: () => setEditing(null) });
  const busy = actions.busy !== null;

  const active = activeDecision(view);
  const choosing = editing !== null || active === null;
  const openException = () => setEditing({ step: 'exception', values: initialValues(active, view, dayjs()) });
  const decisionSheet: SheetContent | null =
    active?.outcome === 'overridden'
      ? sheetFromDecision(
          active,
          view.exceptionReasons.find((reason) => reason.code === active.reason?.code)?.code ?? null,
        )
      : null;
  const defaultNotifiedBy = practitioner === undefined ? '' : (actions.deciderOf(practitioner).name ?? '');

  return (
    <Stack spacing={2}>
      <OrderHeader view={view} patient={patient ?? null} />
      {actions.busy ? (
        <Box role="status">
          <Typography variant="body2">{messages.busy[actions.busy]}</Typography>
          <LinearProgress />
        </Box>
      ) : null}
      {actions.problem ? <ProblemAlert problem={actions.problem} /> : null}
      {/* As the card says it: in an emergency the results are for reference, the doctor decides (001: 非急诊患者). */}
      {view.emergencyNote ? <Alert severity="info">{view.emergencyNote}</Alert> : null}

      {active && !choosing ? (
        <DecisionSummary
          view={view}
          decision={active}
          busy={busy}
          unreported={actions.unreported}
          onWithdraw={actions.withdraw}
          onChange={() => setEditing({ step: 'choose' })}
          onComplete={openException}
          onWrite={actions.retryWrite}
          onReport={actions.retryReport}
          onPrint={() => setSheet(decisionSheet)}
        />
      ) : null}
      {choosing ? (
        <ResultChoice
          view={view}
          exception={editing?.step === 'exception' ? editing.values : null}
          canCancel={active !== null}
          busy={busy}
          defaultNotifiedBy={defaultNotifiedBy}
          onAccept={actions.accept}
          onOpenException={openException}
          onSubmitException={actions.submitException}
          onCancel={() => setEditing(null)}
          onPrint={(values) => setSheet(sheetFromForm(values, defaultNotifiedBy))}
        />
      ) : null}

      <ExcludedResults excluded={view.excluded} />
      <DecisionHistory history={view.history} />
      <NotificationSheet
        open={sheet !== null}
        onClose={() => setSheet(null)}
        card={session.card}
        view={view}
        content={sheet ?? EMPTY_SHEET}
        patient={patient ?? null}
      />
    </Stack>
  );
}

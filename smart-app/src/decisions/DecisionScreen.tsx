import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import dayjs from 'dayjs';
import { useEffect, useId, useState } from 'react';
import { WRITE_BACK_DETAIL_MAX_LENGTH } from '../../../server/contract/decisions';
import { ageInYears } from '../app/age';
import { ApiProblem } from '../app/http';
import { ProblemAlert } from '../app/ProblemScreen';
import { problemOf, type Problem } from '../app/problems';
import { useLanguage } from '../i18n/language';
import type { Messages } from '../i18n/zh-CN';
import type { LaunchPractitioner, PatientSummary } from '../launch/ehr-reads';
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
import { ExceptionForm } from './ExceptionForm';
import { ExcludedResults } from './ExcludedResults';
import { initialValues, type ExceptionValues } from './exception-input';
import { activeDecision, originOf, withAnswer, type OverrideInput, type Practitioner, type PromptView } from './model';
import type { PromptApi, WriteBackReport } from './prompt-api';
import { ResultCard } from './ResultCard';
import { TechnicalDetail } from '../app/TechnicalDetail';

interface DecisionScreenProps {
  readonly session: CardSession;
  readonly api: PromptApi;
  readonly view: PromptView;
  readonly onView: (update: (view: PromptView) => PromptView) => void;
  readonly onReload: () => void;
}

type Busy = keyof Messages['busy'];

/** Choosing among the results (`choose`), filling in an exception (`exception`), or the decision in force (null). */
type Editing = { readonly step: 'choose' } | { readonly step: 'exception'; readonly values: ExceptionValues } | null;

/** The session's answers as they arrive; undefined while the EHR has not answered yet. */
function usePromised<T>(promise: Promise<T>): T | undefined {
  const [settled, setSettled] = useState<{ readonly value: T } | null>(null);
  useEffect(() => {
    let current = true;
    void promise.then((value) => {
      if (current) setSettled({ value });
    });
    return () => {
      current = false;
    };
  }, [promise]);
  return settled?.value;
}

function patientLine(messages: Messages, patient: PatientSummary): string {
  const age = ageInYears(patient.birthDate, dayjs());
  const facts = [
    patient.gender ? messages.prompt.genders[patient.gender] : null,
    age === null ? null : messages.prompt.ageYears(age),
  ]
    .filter(Boolean)
    .join(' · ');
  return messages.prompt.patient(patient.name ?? messages.prompt.unknownPatient, facts);
}

/** One card: the ordered item, the results to choose from, the decision and its history. */
export function DecisionScreen({ session, api, view, onView, onReload }: DecisionScreenProps) {
  const { messages } = useLanguage();
  const practitioner = usePromised(session.practitioner);
  const patient = usePromised(session.patient);
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [unreported, setUnreported] = useState<WriteBackReport | null>(null);
  const [sheet, setSheet] = useState<SheetContent | null>(null);
  const recognisableHeading = useId();

  const active = activeDecision(view);
  const choosing = editing !== null || active === null;

  /**
   * Who decides: the launch user. An EHR that does not say who that is (no fhirUser) still launched
   * from the card raised for the ordering user's session, so then that user.
   */
  const deciderOf = (launched: LaunchPractitioner | null): Practitioner => launched ?? view.prompt.orderedBy;
  const decider = async (): Promise<Practitioner> => deciderOf(await session.practitioner);
  /** What the EHR says of the order, so a decision on a signed order is recorded as made after signing. */
  const signedInEhr = async (): Promise<{ orderSigned?: boolean }> => {
    const signed = view.prompt.orderRef ? await session.orderSigned(view.prompt.orderRef) : null;
    return signed === null ? {} : { orderSigned: signed };
  };

  const fail = (error: unknown) => {
    const found = problemOf(error);
    setProblem(found);
    // The card changed under the doctor (a result left its window, the day ended): show it as it is now.
    if (found.kind === 'not-recognisable' || found.kind === 'locked') onReload();
  };

  const report = async (outcome: WriteBackReport) => {
    setBusy('reporting');
    try {
      const detail = outcome.detail?.trim().slice(0, WRITE_BACK_DETAIL_MAX_LENGTH) || null;
      const answer = await api.reportWriteBack({ status: outcome.status, detail });
      onView((current) => withAnswer(current, answer));
      setUnreported(null);
    } catch (error) {
      // The EHR's answer is kept, so the report can be repeated without writing the result twice.
      setUnreported(outcome);
      fail(error);
    }
  };

  const writeBack = async (resource: Record<string, unknown>) => {
    setBusy('writing');
    await report(await session.writeToRecord(resource));
  };

  const run = async (first: Busy, action: () => Promise<void>) => {
    setBusy(first);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const accept = (resultId: string) =>
    run('saving', async () => {
      const answer = await api.decide({
        outcome: 'accepted',
        resultId,
        practitioner: await decider(),
        ...(await signedInEhr()),
      });
      onView((current) => withAnswer(current, answer));
      setEditing(null);
      setUnreported(null);
      if (answer.writeBackResource) await writeBack(answer.writeBackResource);
    });

  const retryWrite = () =>
    run('writing', async () => {
      if (view.writeBackResource) await writeBack(view.writeBackResource);
    });

  const retryReport = () =>
    run('reporting', async () => {
      if (unreported) await report(unreported);
    });

  const withdraw = () =>
    run('withdrawing', async () => {
      const answer = await api.decide({ outcome: 'withdrawn', practitioner: await decider() });
      onView((current) => withAnswer(current, answer));
      setEditing(null);
      setUnreported(null);
    });

  const submitException = async (input: Omit<OverrideInput, 'practitioner'>): Promise<string | null> => {
    let refusedField: string | null = null;
    await run('saving', async () => {
      try {
        const answer = await api.decide({ ...input, practitioner: await decider(), ...(await signedInEhr()) });
        onView((current) => withAnswer(current, answer));
        setEditing(null);
      } catch (error) {
        // A field the server refused belongs next to that field, not in a banner.
        if (error instanceof ApiProblem && error.code === 'invalid' && error.field) refusedField = error.field;
        else throw error;
      }
    });
    return refusedField;
  };

  const openException = () => setEditing({ step: 'exception', values: initialValues(active, view, dayjs()) });

  const decisionSheet: SheetContent | null =
    active?.outcome === 'overridden'
      ? sheetFromDecision(
          active,
          view.exceptionReasons.find((reason) => reason.code === active.reason?.code)?.code ?? null,
        )
      : null;
  const defaultNotifiedBy = practitioner === undefined ? '' : (deciderOf(practitioner).name ?? '');
  const lastWritten = [...view.history].reverse().find((version) => version.writeBack?.status === 'written')?.writeBack;
  const withdrawnAfterWrite = view.decision?.outcome === 'withdrawn' && lastWritten;

  return (
    <Stack spacing={2}>
      <header>
        <Typography variant="overline" component="p" color="text.secondary">
          {messages.prompt.orderedItem}
        </Typography>
        <Typography component="h1" variant="h4">
          {view.item.name}
        </Typography>
        <Typography color="text.secondary">
          {[
            view.hospital.name,
            view.prompt.department,
            view.prompt.encounterKind.text,
            view.prompt.orderedBy.name ? messages.prompt.orderedBy(view.prompt.orderedBy.name) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
        {patient ? <Typography>{patientLine(messages, patient)}</Typography> : null}
      </header>

      {busy ? (
        <Box role="status">
          <Typography variant="body2">{messages.busy[busy]}</Typography>
          <LinearProgress />
        </Box>
      ) : null}
      {problem ? <ProblemAlert problem={problem} /> : null}
      {/* As the card says it: in an emergency the results are for reference, the doctor decides (001: 非急诊患者). */}
      {view.emergencyNote ? <Alert severity="info">{view.emergencyNote}</Alert> : null}

      {active && !choosing ? (
        <DecisionSummary
          view={view}
          decision={active}
          busy={busy !== null}
          unreported={unreported}
          onWithdraw={withdraw}
          onChange={() => setEditing({ step: 'choose' })}
          onComplete={openException}
          onWrite={retryWrite}
          onReport={retryReport}
          onPrint={() => setSheet(decisionSheet)}
        />
      ) : null}

      {choosing ? (
        <>
          {view.decision?.outcome === 'withdrawn' ? <Alert severity="info">{messages.decision.withdrawn}</Alert> : null}
          {withdrawnAfterWrite ? (
            <Alert severity="warning">
              {messages.decision.writtenStays}
              <TechnicalDetail label={messages.problems.technical} detail={lastWritten.detail} />
            </Alert>
          ) : null}
          <section aria-labelledby={recognisableHeading}>
            <Typography id={recognisableHeading} component="h2" variant="h6" gutterBottom>
              {messages.prompt.recognisableHeading(view.recognisable.length, originOf(view.recognisable))}
            </Typography>
            <Stack spacing={2}>
              {view.recognisable.length === 0 ? <Typography>{messages.prompt.noneRecognisable}</Typography> : null}
              {view.recognisable.map((result, index) => (
                <ResultCard
                  key={result.resultId}
                  result={result}
                  item={view.item}
                  localTestSystem={view.localTestSystem}
                  markRequired={view.markRequired}
                  primary={index === 0 && editing?.step !== 'exception'}
                  disabled={busy !== null}
                  onAccept={accept}
                />
              ))}
            </Stack>
          </section>
          {editing?.step === 'exception' ? (
            <ExceptionForm
              view={view}
              initial={editing.values}
              defaultNotifiedBy={defaultNotifiedBy}
              busy={busy !== null}
              onSubmit={submitException}
              onCancel={() => setEditing(null)}
              onPrint={(values) => setSheet(sheetFromForm(values, defaultNotifiedBy))}
            />
          ) : (
            <Stack direction="row" spacing={1}>
              <Button variant="outlined" disabled={busy !== null} onClick={openException}>
                {messages.prompt.exceptionButton}
              </Button>
              {active ? (
                <Button disabled={busy !== null} onClick={() => setEditing(null)}>
                  {messages.exception.cancel}
                </Button>
              ) : null}
            </Stack>
          )}
        </>
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

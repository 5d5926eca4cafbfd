import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { TechnicalDetail } from '../shared/TechnicalDetail';
import { useLanguage } from '../i18n/language';
import { ExceptionForm } from './ExceptionForm';
import type { ExceptionValues } from './exception-input';
import { originOf, type OverrideInput, type PromptView } from './model';
import { ResultCard } from './ResultCard';

/**
 * Choosing: the recognisable results, each to accept, and the way to an exception instead (the form
 * once opened). What a withdrawn decision leaves behind is said first.
 */
export function ResultChoice({
  view,
  exception,
  canCancel,
  busy,
  defaultNotifiedBy,
  onAccept,
  onOpenException,
  onSubmitException,
  onCancel,
  onPrint,
}: {
  readonly view: PromptView;
  /** The exception form's starting values while it is open. */
  readonly exception: ExceptionValues | null;
  /** A decision is in force: the doctor may leave the choice as it was. */
  readonly canCancel: boolean;
  readonly busy: boolean;
  readonly defaultNotifiedBy: string;
  readonly onAccept: (resultId: string) => void;
  readonly onOpenException: () => void;
  readonly onSubmitException: (input: Omit<OverrideInput, 'practitioner'>) => Promise<string | null>;
  readonly onCancel: () => void;
  readonly onPrint: (values: ExceptionValues) => void;
}) {
  const { messages } = useLanguage();
  const heading = useId();
  const lastWritten = [...view.history].reverse().find((version) => version.writeBack?.status === 'written')?.writeBack;
  const withdrawnAfterWrite = view.decision?.outcome === 'withdrawn' && lastWritten;
  return (
    <>
      {view.decision?.outcome === 'withdrawn' ? <Alert severity="info">{messages.decision.withdrawn}</Alert> : null}
      {withdrawnAfterWrite ? (
        <Alert severity="warning">
          {messages.decision.writtenStays}
          <TechnicalDetail label={messages.problems.technical} detail={lastWritten.detail} />
        </Alert>
      ) : null}
      <section aria-labelledby={heading}>
        <Typography id={heading} component="h2" variant="h6" gutterBottom>
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
              primary={index === 0 && exception === null}
              disabled={busy}
              onAccept={onAccept}
            />
          ))}
        </Stack>
      </section>
      {exception ? (
        <ExceptionForm
          view={view}
          initial={exception}
          defaultNotifiedBy={defaultNotifiedBy}
          busy={busy}
          onSubmit={onSubmitException}
          onCancel={onCancel}
          onPrint={onPrint}
        />
      ) : (
        <Stack direction="row" spacing={1}>
          <Button variant="outlined" disabled={busy} onClick={onOpenException}>
            {messages.prompt.exceptionButton}
          </Button>
          {canCancel ? (
            <Button disabled={busy} onClick={onCancel}>
              {messages.exception.cancel}
            </Button>
          ) : null}
        </Stack>
      )}
    </>
  );
}

import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useRef } from 'react';
import { useLanguage } from '../i18n/language';
import { ChoiceField } from './exception/ChoiceField';
import { ExplanationField } from './exception/ExplanationField';
import { NotificationFields } from './exception/NotificationFields';
import { useExceptionForm } from './exception/useExceptionForm';
import type { ExceptionValues } from './exception-input';
import { originOf, type OverrideInput, type PromptView } from './model';

interface ExceptionFormProps {
  readonly view: PromptView;
  readonly initial: ExceptionValues;
  /** Who notified, until the doctor types another name: the launch user (it may arrive after the form opens). */
  readonly defaultNotifiedBy: string;
  readonly busy: boolean;
  /** Records the exception; answers the field the server refused, if it refused one. */
  readonly onSubmit: (input: Omit<OverrideInput, 'practitioner'>) => Promise<string | null>;
  readonly onCancel: () => void;
  readonly onPrint: (values: ExceptionValues) => void;
}

/** Why the result is not used, and how the patient was told: the reason, its explanation, the notification. */
export function ExceptionForm({
  view,
  initial,
  defaultNotifiedBy,
  busy,
  onSubmit,
  onCancel,
  onPrint,
}: ExceptionFormProps) {
  const t = useLanguage().messages.exception;
  const form = useExceptionForm(view, initial, defaultNotifiedBy, onSubmit);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The button that opened the form is gone; the focus goes to the form's heading.
  useEffect(() => heading.current?.focus(), []);

  const reason = view.exceptionReasons.find((candidate) => candidate.code === form.values.reason);
  const option = (candidate: PromptView['exceptionReasons'][number]) => ({
    value: candidate.code,
    label: candidate.text,
  });

  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Typography
        id={headingId}
        ref={heading}
        tabIndex={-1}
        component="h2"
        variant="h6"
        gutterBottom
        sx={{ outline: 'none' }}
      >
        {originOf(view.recognisable) === 'own' ? t.headingOwn : t.heading}
      </Typography>
      <Box component="form" noValidate onSubmit={form.submit}>
        {form.problem ? (
          <Alert severity="error" ref={form.summary} tabIndex={-1} sx={{ mb: 2 }}>
            {form.problem}
          </Alert>
        ) : null}
        <Stack spacing={2}>
          <ChoiceField
            legend={t.reason}
            name="reason"
            groups={{
              first: view.exceptionReasons.filter((candidate) => candidate.countsAsNonRecognition).map(option),
              second: {
                caption: t.notCountedGroup,
                options: view.exceptionReasons.filter((candidate) => !candidate.countsAsNonRecognition).map(option),
              },
            }}
            value={form.values.reason}
            error={form.errors.reason}
            onChange={(code) => form.change({ reason: code })}
          />
          <ExplanationField
            value={form.values.explanation}
            required={reason?.needsExplanation ?? false}
            maxLength={view.explanationMaxLength}
            error={form.errors.explanation}
            onChange={(explanation) => form.change({ explanation })}
          />
          <NotificationFields
            values={form.values}
            errors={form.errors}
            defaultNotifiedBy={defaultNotifiedBy}
            onChange={form.change}
          />
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button type="submit" variant="contained" disabled={busy}>
              {t.submit}
            </Button>
            <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => onPrint(form.values)}>
              {t.printSheet}
            </Button>
            <Button onClick={onCancel} disabled={busy}>
              {t.cancel}
            </Button>
          </Stack>
        </Stack>
      </Box>
    </Paper>
  );
}

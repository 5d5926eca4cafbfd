import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DateTimePicker } from '@mui/x-date-pickers/DateTimePicker';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLanguage } from '../i18n/language';
import { checkException, isExceptionField, type ExceptionValues, type FieldErrors } from './exception-input';
import { NOTIFICATION_METHODS, NOTIFIED_PARTIES, originOf, type OverrideInput, type PromptView } from './model';

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
  const { messages } = useLanguage();
  const t = messages.exception;
  const [values, setValues] = useState<ExceptionValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [otherRefusal, setOtherRefusal] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [summaryShown, setSummaryShown] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const ids = {
    reason: useId(),
    party: useId(),
    method: useId(),
    heading: useId(),
    reasonError: useId(),
    partyError: useId(),
    methodError: useId(),
  };

  const heading = useRef<HTMLHeadingElement>(null);
  // The button that opened the form is gone; the focus goes to the form's heading.
  useEffect(() => heading.current?.focus(), []);
  // After a refused save the focus goes to the list of what to correct, so keyboard users hear it.
  useEffect(() => {
    if (summaryShown > 0) summary.current?.focus();
  }, [summaryShown]);

  const change = (patch: Partial<ExceptionValues>) => {
    const next = { ...values, ...patch };
    setValues(next);
    // Once the doctor tried to save, each correction is confirmed (or not) as it is made.
    if (attempted) {
      const check = checkException(next, view, messages, defaultNotifiedBy);
      setErrors('errors' in check ? check.errors : {});
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setOtherRefusal(null);
    const check = checkException(values, view, messages, defaultNotifiedBy);
    if ('errors' in check) {
      setErrors(check.errors);
      setSummaryShown((count) => count + 1);
      return;
    }
    setErrors({});
    const refused = await onSubmit(check.input);
    if (refused === null) return;
    if (isExceptionField(refused)) setErrors({ [refused]: t.errors.rejected });
    else setOtherRefusal(t.errors.rejectedOther(refused));
    setSummaryShown((count) => count + 1);
  };

  const reason = view.exceptionReasons.find((candidate) => candidate.code === values.reason);
  const counted = view.exceptionReasons.filter((candidate) => candidate.countsAsNonRecognition);
  const notCounted = view.exceptionReasons.filter((candidate) => !candidate.countsAsNonRecognition);
  const explanationLength = values.explanation.trim().length;
  const tooLong = explanationLength > view.explanationMaxLength;
  const hasErrors = Object.keys(errors).length > 0 || otherRefusal !== null;

  return (
    <Paper variant="outlined" component="section" aria-labelledby={ids.heading} sx={{ p: 2 }}>
      <Typography
        id={ids.heading}
        ref={heading}
        tabIndex={-1}
        component="h2"
        variant="h6"
        gutterBottom
        sx={{ outline: 'none' }}
      >
        {originOf(view.recognisable) === 'own' ? t.headingOwn : t.heading}
      </Typography>
      <Box component="form" noValidate onSubmit={submit}>
        {hasErrors ? (
          <Alert severity="error" ref={summary} tabIndex={-1} sx={{ mb: 2 }}>
            {otherRefusal ?? t.fixErrors}
          </Alert>
        ) : null}
        <Stack spacing={2}>
          <FormControl component="fieldset" required error={Boolean(errors.reason)}>
            <FormLabel component="legend" id={ids.reason}>
              {t.reason}
            </FormLabel>
            <RadioGroup
              aria-labelledby={ids.reason}
              aria-describedby={errors.reason ? ids.reasonError : undefined}
              name="reason"
              value={values.reason ?? ''}
              onChange={(event) =>
                change({
                  reason:
                    view.exceptionReasons.find((candidate) => candidate.code === event.target.value)?.code ?? null,
                })
              }
            >
              {counted.map((candidate) => (
                <FormControlLabel
                  key={candidate.code}
                  value={candidate.code}
                  control={<Radio />}
                  label={candidate.text}
                />
              ))}
              {notCounted.length > 0 ? (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  {t.notCountedGroup}
                </Typography>
              ) : null}
              {notCounted.map((candidate) => (
                <FormControlLabel
                  key={candidate.code}
                  value={candidate.code}
                  control={<Radio />}
                  label={candidate.text}
                />
              ))}
            </RadioGroup>
            {errors.reason ? <FormHelperText id={ids.reasonError}>{errors.reason}</FormHelperText> : null}
          </FormControl>

          <TextField
            label={t.explanation}
            name="explanation"
            multiline
            minRows={2}
            fullWidth
            required={reason?.needsExplanation ?? false}
            value={values.explanation}
            onChange={(event) => change({ explanation: event.target.value })}
            error={Boolean(errors.explanation) || tooLong}
            helperText={
              <Box component="span" sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
                <span>{errors.explanation ?? t.explanationHint}</span>
                <Box component="span" sx={tooLong ? { color: 'error.main', fontWeight: 700 } : undefined}>
                  {t.counter(explanationLength, view.explanationMaxLength)}
                </Box>
              </Box>
            }
          />

          <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
            <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
              {t.notification}
            </Typography>
            <Stack spacing={2}>
              <FormControl component="fieldset" required error={Boolean(errors['notification.party'])}>
                <FormLabel component="legend" id={ids.party}>
                  {t.party}
                </FormLabel>
                <RadioGroup
                  row
                  aria-labelledby={ids.party}
                  aria-describedby={errors['notification.party'] ? ids.partyError : undefined}
                  name="party"
                  value={values.party ?? ''}
                  onChange={(event) =>
                    change({ party: NOTIFIED_PARTIES.find((party) => party === event.target.value) ?? null })
                  }
                >
                  {NOTIFIED_PARTIES.map((party) => (
                    <FormControlLabel key={party} value={party} control={<Radio />} label={t.parties[party]} />
                  ))}
                </RadioGroup>
                {errors['notification.party'] ? (
                  <FormHelperText id={ids.partyError}>{errors['notification.party']}</FormHelperText>
                ) : null}
              </FormControl>

              <FormControl component="fieldset" required error={Boolean(errors['notification.method'])}>
                <FormLabel component="legend" id={ids.method}>
                  {t.method}
                </FormLabel>
                <RadioGroup
                  row
                  aria-labelledby={ids.method}
                  aria-describedby={errors['notification.method'] ? ids.methodError : undefined}
                  name="method"
                  value={values.method ?? ''}
                  onChange={(event) =>
                    change({ method: NOTIFICATION_METHODS.find((method) => method === event.target.value) ?? null })
                  }
                >
                  {NOTIFICATION_METHODS.map((method) => (
                    <FormControlLabel key={method} value={method} control={<Radio />} label={t.methods[method]} />
                  ))}
                </RadioGroup>
                {errors['notification.method'] ? (
                  <FormHelperText id={ids.methodError}>{errors['notification.method']}</FormHelperText>
                ) : null}
              </FormControl>

              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <DateTimePicker
                  label={t.notifiedAt}
                  value={values.notifiedAt}
                  onChange={(notifiedAt) => change({ notifiedAt })}
                  slotProps={{
                    field: { clearable: true },
                    textField: {
                      required: true,
                      error: Boolean(errors['notification.notifiedAt']),
                      helperText: errors['notification.notifiedAt'],
                    },
                  }}
                />
                <TextField
                  label={t.notifiedBy}
                  name="notifiedBy"
                  required
                  value={values.notifiedBy ?? defaultNotifiedBy}
                  onChange={(event) => change({ notifiedBy: event.target.value })}
                  error={Boolean(errors['notification.notifiedBy'])}
                  helperText={errors['notification.notifiedBy']}
                />
              </Stack>
            </Stack>
          </Box>

          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button type="submit" variant="contained" disabled={busy}>
              {t.submit}
            </Button>
            <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => onPrint(values)}>
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

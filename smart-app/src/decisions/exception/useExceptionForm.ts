import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLanguage } from '../../i18n/language';
import { checkException, isExceptionField, type ExceptionValues, type FieldErrors } from '../exception-input';
import type { OverrideInput, PromptView } from '../model';

/**
 * The exception form's state: its values, what is wrong with them (checked as the doctor corrects
 * them once a save was tried), the server's refusal, and where the focus goes after a refused save
 * (the list of what to correct, so keyboard users hear it).
 */
export function useExceptionForm(
  view: PromptView,
  initial: ExceptionValues,
  defaultNotifiedBy: string,
  onSubmit: (input: Omit<OverrideInput, 'practitioner'>) => Promise<string | null>,
) {
  const { messages } = useLanguage();
  const t = messages.exception;
  const [values, setValues] = useState<ExceptionValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [otherRefusal, setOtherRefusal] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [summaryShown, setSummaryShown] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (summaryShown > 0) summary.current?.focus();
  }, [summaryShown]);

  const change = (patch: Partial<ExceptionValues>) => {
    const next = { ...values, ...patch };
    setValues(next);
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
    // A field the server refused belongs next to that field; any other refusal in the summary.
    if (isExceptionField(refused)) setErrors({ [refused]: t.errors.rejected });
    else setOtherRefusal(t.errors.rejectedOther(refused));
    setSummaryShown((count) => count + 1);
  };

  const problem = Object.keys(errors).length > 0 || otherRefusal !== null ? (otherRefusal ?? t.fixErrors) : null;
  return { values, errors, problem, summary, change, submit };
}

import Typography from '@mui/material/Typography';
import dayjs from 'dayjs';
import { ageInYears } from '../shared/age';
import { useLanguage } from '../i18n/language';
import type { Messages } from '../i18n/zh-CN';
import type { PatientSummary } from '../launch/ehr-reads';
import type { PromptView } from './model';

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

/** What was ordered, where and by whom, and for whom (once the EHR has said). */
export function OrderHeader({ view, patient }: { readonly view: PromptView; readonly patient: PatientSummary | null }) {
  const { messages } = useLanguage();
  return (
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
  );
}

import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import dayjs from 'dayjs';
import type { DemoDoctorEntry, DemoHospital, DemoPatientEntry } from '../../../../server/contract/demo-workstation';
import { ageInYears } from '../../shared/age';
import { Loading } from '../../shared/Loading';
import type { ChartState } from '../session/useChartSession';
import { useDemoMessages } from '../i18n/messages';
import { TechnicalDetail } from '../../shared/TechnicalDetail';

/** The patient banner every EHR shows above the orders: who, which visit, and the demo story. */
export function PatientBanner(props: {
  readonly patient: DemoPatientEntry;
  readonly hospital: DemoHospital;
  readonly doctor: DemoDoctorEntry | undefined;
  readonly emergency: boolean;
  readonly chart: ChartState;
}) {
  const messages = useDemoMessages();
  const { patient, hospital, doctor, emergency, chart } = props;
  const age = ageInYears(patient.birthDate, dayjs());
  const kind = emergency ? messages.patient.encounterKinds.emergency : messages.patient.encounterKinds.outpatient;
  return (
    <Paper
      component="section"
      aria-label={patient.name}
      variant="outlined"
      sx={{ p: 2, borderLeft: 4, borderLeftColor: emergency ? 'error.main' : 'primary.main' }}
    >
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography component="h2" variant="h5">
          {patient.name}
        </Typography>
        <Typography>
          {[
            messages.patient.genders[patient.gender],
            age === null ? null : messages.patient.age(age),
            messages.patient.born(patient.birthDate),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
        <Chip size="small" color={emergency ? 'error' : 'default'} label={kind} />
        <Typography color="text.secondary">
          {hospital.name}
          {doctor ? ` · ${doctor.name}` : ''}
        </Typography>
      </Stack>
      {chart.state === 'open' && doctor && (
        <Typography variant="body2" color="text.secondary">
          {messages.patient.encounter(kind, doctor.departmentName, chart.chart.encounter.id)}
        </Typography>
      )}
      <Typography variant="body2" sx={{ mt: 1 }}>
        {messages.patient.story(patient.story)}
      </Typography>
      {chart.state === 'opening' && <Loading label={messages.patient.opening} />}
      {chart.state === 'failed' && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {messages.patient.openFailed}
          <TechnicalDetail label={messages.technical} detail={chart.detail} />
        </Alert>
      )}
    </Paper>
  );
}

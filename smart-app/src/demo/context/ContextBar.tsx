import FormControlLabel from '@mui/material/FormControlLabel';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { WorkstationSetup } from '../../../../server/contract/demo-workstation';
import { useDemoMessages } from '../i18n/messages';

/** Who sees which patient where. A patient of `null`: no chart open yet. */
export interface Selection {
  readonly hospitalId: string;
  readonly doctorId: string;
  readonly patientKey: string | null;
  readonly emergency: boolean;
}

export function initialSelection(setup: WorkstationSetup): Selection {
  const hospital = setup.hospitals[0];
  return {
    hospitalId: hospital?.id ?? '',
    doctorId: hospital?.doctors[0]?.id ?? '',
    patientKey: null,
    emergency: false,
  };
}

/** The encounter bar of the workstation: hospital, doctor, patient, emergency. */
export function ContextBar({
  setup,
  selection,
  onChange,
}: {
  readonly setup: WorkstationSetup;
  readonly selection: Selection;
  readonly onChange: (next: Selection) => void;
}) {
  const messages = useDemoMessages();
  const hospital = setup.hospitals.find((candidate) => candidate.id === selection.hospitalId);
  return (
    <Paper component="section" aria-label={messages.context.heading} variant="outlined" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
        <TextField
          select
          label={messages.context.hospital}
          value={selection.hospitalId}
          size="small"
          sx={{ minWidth: 240 }}
          onChange={(event) => {
            const next = setup.hospitals.find((candidate) => candidate.id === event.target.value);
            onChange({ ...selection, hospitalId: event.target.value, doctorId: next?.doctors[0]?.id ?? '' });
          }}
        >
          {setup.hospitals.map((option) => (
            <MenuItem key={option.id} value={option.id}>
              {option.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={messages.context.doctor}
          value={selection.doctorId}
          size="small"
          sx={{ minWidth: 200 }}
          onChange={(event) => onChange({ ...selection, doctorId: event.target.value })}
        >
          {(hospital?.doctors ?? []).map((doctor) => (
            <MenuItem key={doctor.id} value={doctor.id}>
              {messages.context.doctorOption(doctor.name, doctor.departmentName)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={messages.context.patient}
          value={selection.patientKey ?? ''}
          size="small"
          sx={{ minWidth: 200, flexGrow: 1 }}
          slotProps={{
            inputLabel: { shrink: true },
            select: {
              displayEmpty: true,
              renderValue: (key) =>
                setup.patients.find((patient) => patient.key === key)?.name ?? messages.context.choosePatient,
            },
          }}
          onChange={(event) => onChange({ ...selection, patientKey: event.target.value || null })}
        >
          {setup.patients.map((patient) => (
            <MenuItem key={patient.key} value={patient.key} sx={{ whiteSpace: 'normal', maxWidth: 640 }}>
              <ListItemText primary={patient.name} secondary={patient.story} />
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Switch
              checked={selection.emergency}
              onChange={(event) => onChange({ ...selection, emergency: event.target.checked })}
            />
          }
          label={messages.context.emergency}
        />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {messages.context.hint}
      </Typography>
    </Paper>
  );
}

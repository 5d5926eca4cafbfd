import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { percent } from '../consoles/format';
import { Section } from '../consoles/Section';
import { useQualityMessages } from './i18n/messages';
import type { FlaggedDoctor } from './quality-model';

/** Doctors whose non-recognition rate stands far from their department's, higher or lower, said plainly. */
export const FlaggedDoctors = memo(function FlaggedDoctors({
  doctors,
}: {
  readonly doctors: readonly FlaggedDoctor[];
}) {
  const { language, messages } = useQualityMessages();
  const t = messages.quality.flagged;
  return (
    <Section heading={t.heading}>
      {doctors.length === 0 ? (
        <Typography variant="body2">{t.none}</Typography>
      ) : (
        doctors.map((doctor) => (
          <Alert
            key={`${doctor.department}|${doctor.doctorRef}`}
            severity={doctor.direction === 'higher' ? 'warning' : 'info'}
          >
            <Typography component="span" sx={{ fontWeight: 600 }}>
              {t.directions[doctor.direction]}
            </Typography>
            {' · '}
            {t.line(
              doctor.doctorName ?? doctor.doctorRef,
              doctor.department,
              percent(doctor.nonRecognitionRate, language),
              percent(doctor.departmentNonRecognitionRate, language),
              doctor.eligible,
            )}
          </Alert>
        ))
      )}
    </Section>
  );
});

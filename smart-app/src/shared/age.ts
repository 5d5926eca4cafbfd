import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';

/** Completed years of life on `today` (a FHIR birthDate may be just a year or a year and month). */
export function ageInYears(birthDate: string | null, today: Dayjs): number | null {
  if (!birthDate) return null;
  const born = dayjs(birthDate);
  if (!born.isValid()) return null;
  return today.diff(born, 'year');
}

import dayjs from 'dayjs';
import { accessLogQuerySchema, type AccessLogEndpoint, type AccessLogQuery } from '../../../server/contract/access-log';

/** What the reader filters the log by: local days, one endpoint, one patient. */
export interface AccessLogFilters {
  /** First and last local day shown (YYYY-MM-DD), both included. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly endpoint?: AccessLogEndpoint | undefined;
  /** A patient key as the log shows it, or a national ID (the server turns it into the key). */
  readonly patient?: string | undefined;
}

export const PAGE_SIZES = [25, 50, 100] as const;

const PATIENT_KEY = /^[0-9a-f]{64}$/i;

/**
 * The API's query for one page: local days become instants (the end day's midnight excluded), the
 * patient a key or a national ID by its shape. Checked with the API's own schema, so a filter the
 * server would refuse is said at its field and never sent.
 */
export function accessLogQuery(
  filters: AccessLogFilters,
  limit: number,
  before: number | undefined,
): ReturnType<typeof accessLogQuerySchema.safeParse> {
  const patient = filters.patient?.trim() || undefined;
  const query: AccessLogQuery = {
    ...(filters.from ? { from: dayjs(filters.from).startOf('day').toISOString() } : {}),
    ...(filters.to ? { to: dayjs(filters.to).add(1, 'day').startOf('day').toISOString() } : {}),
    ...(filters.endpoint ? { endpoint: filters.endpoint } : {}),
    ...(patient === undefined
      ? {}
      : PATIENT_KEY.test(patient)
        ? { patientKey: patient.toLowerCase() }
        : { nationalId: patient }),
    ...(before === undefined ? {} : { before }),
    limit,
  };
  return accessLogQuerySchema.safeParse(query);
}

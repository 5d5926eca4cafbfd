import { z } from 'zod';
import type { qualificationChangeSchema } from '../../../server/contract/platform';
import type { Alliance, CdsClient, InstitutionRecord, qualificationSchema } from '../../../server/contract/admin';
import { alliancesSchema, regionDryRunReportSchema, regionHistorySchema } from '../../../server/contract/regions';
import type { RecognitionItem, RegionPolicy } from '../../../rules';
import { catalogSchema, importReportSchema } from '../../../server/contract/admin-responses';
import { hisClientRegistrationSchema, hisClientSchema } from '../../../server/contract/his';
import {
  institutionsSchema,
  qualificationEffectSchema,
  registeredClientsSchema,
  regionsSchema,
  storedQualificationsSchema,
} from '../../../server/contract/platform';
import {
  quarantinePageSchema,
  replayReportSchema,
  sourceActivitySchema,
  sourceRegistrationSchema,
  sourceStatusesSchema,
  type resultSourceSchema,
} from '../../../server/contract/sources';
import { provinceFiguresSchema } from '../../../server/contract/province-figures';
import type { ConsoleApi } from '../consoles/console-api';

/** The platform operator's registry as the console reads and changes it (`/api/platform/…`). */

/** A source as the console sends it (the charset's default is the server's to apply). */
export type ResultSourceInput = z.input<typeof resultSourceSchema>;

export const institutions = async (api: ConsoleApi, signal: AbortSignal) =>
  institutionsSchema.parse(await api.get<unknown>('/api/platform/institutions', {}, signal));

export const regions = async (api: ConsoleApi, signal: AbortSignal) =>
  regionsSchema.parse(await api.get<unknown>('/api/platform/regions', {}, signal));

/** Saves a region's policy as its next version; it applies to the next card. */
export const saveRegion = (api: ConsoleApi, policy: RegionPolicy) =>
  api.send<unknown>('PUT', `/api/platform/regions/${encodeURIComponent(policy.code)}`, { json: policy });

export const regionHistory = async (api: ConsoleApi, code: string, signal: AbortSignal) =>
  regionHistorySchema.parse(
    await api.get<unknown>(`/api/platform/regions/${encodeURIComponent(code)}/history`, {}, signal),
  );

/** What a proposed policy would have done to the region's cards of the last 30 days; saves nothing. */
export const regionDryRun = async (api: ConsoleApi, policy: RegionPolicy) =>
  regionDryRunReportSchema.parse(
    await api.send<unknown>('POST', `/api/platform/regions/${encodeURIComponent(policy.code)}/dry-run`, {
      json: { policy, days: 30 },
    }),
  );

/** Puts an earlier version of a region's policy in force again. */
export const rollbackRegion = (api: ConsoleApi, code: string, version: number) =>
  api.send<unknown>('POST', `/api/platform/regions/${encodeURIComponent(code)}/rollback`, { json: { version } });

export const alliances = async (api: ConsoleApi, signal: AbortSignal) =>
  alliancesSchema.parse(await api.get<unknown>('/api/platform/alliances', {}, signal));

export const saveAlliance = (api: ConsoleApi, alliance: Alliance) =>
  api.send<unknown>('PUT', `/api/platform/alliances/${encodeURIComponent(alliance.id)}`, { json: alliance });

/** Creates or changes one institution through the same checks as an import row. */
export const saveInstitution = (api: ConsoleApi, institution: InstitutionRecord) =>
  api.send<unknown>('PUT', `/api/platform/institutions/${encodeURIComponent(institution.id)}`, { json: institution });

/** The province's figures for a period (local days). */
export const provinceFigures = async (api: ConsoleApi, period: { from: string; to: string }, signal: AbortSignal) =>
  provinceFiguresSchema.parse(await api.get<unknown>('/api/platform/figures', period, signal));

/** The hospital ranking as a CSV file, saved under the server's name for it. */
export const downloadRanking = (api: ConsoleApi, period: { from: string; to: string }) =>
  api.download('/api/platform/figures.csv', period);

export const ehrClients = async (api: ConsoleApi, signal: AbortSignal) =>
  registeredClientsSchema.parse(await api.get<unknown>('/api/platform/clients', {}, signal));

/** Registers an EHR as a CDS client, or rotates its keys (the same issuer again). */
export const registerEhrClient = (api: ConsoleApi, client: CdsClient) =>
  api.send<unknown>('POST', '/api/platform/clients', { json: client });

/** Registers a result source (or gives it a new token): the answer carries the token, shown once. */
export const registerSource = async (api: ConsoleApi, source: ResultSourceInput) =>
  sourceRegistrationSchema.parse(await api.send<unknown>('POST', '/api/platform/sources', { json: source }));

export const revokeEhrClient = (api: ConsoleApi, issuer: string) =>
  api.send<unknown>('POST', '/api/platform/clients/revoke', { json: { issuer } });

export const hisClients = async (api: ConsoleApi, signal: AbortSignal) =>
  z.array(hisClientSchema).parse(await api.get<unknown>('/api/platform/his-clients', {}, signal));

/** Registers a HIS (or rotates its key): the answer carries the key, shown once. */
export const registerHisClient = async (
  api: ConsoleApi,
  registration: { id: string; name: string; hospitalId: string; origins: string[] },
) =>
  hisClientRegistrationSchema.parse(
    await api.send<unknown>('POST', '/api/platform/his-clients', { json: registration }),
  );

export const revokeHisClient = (api: ConsoleApi, id: string) =>
  api.send<unknown>('POST', `/api/platform/his-clients/${encodeURIComponent(id)}/revoke`, { json: {} });

export const resultSources = async (api: ConsoleApi, signal: AbortSignal) =>
  sourceStatusesSchema.parse(await api.get<unknown>('/api/platform/sources', {}, signal));

/** Replays what one source's quarantine holds, after its mapping was fixed. */
export const replaySource = async (api: ConsoleApi, sourceId: string) =>
  replayReportSchema.parse(
    await api.send<unknown>('POST', '/api/platform/quarantine/replay', { json: {} }, { sourceId, limit: 500 }),
  );

/** One source's recent local days and refusal reasons. */
export const sourceActivity = async (api: ConsoleApi, sourceId: string, days: number, signal: AbortSignal) =>
  sourceActivitySchema.parse(
    await api.get<unknown>(
      `/api/platform/sources/${encodeURIComponent(sourceId)}/activity`,
      { days: String(days) },
      signal,
    ),
  );

/** What waits in one source's quarantine, newest first. */
export const sourceQuarantine = async (api: ConsoleApi, sourceId: string, signal: AbortSignal) =>
  quarantinePageSchema.parse(await api.get<unknown>('/api/platform/quarantine', { sourceId, limit: '200' }, signal));

/** Qualifications: one institution's, or (with `lapsingWithinDays`) those lapsing soon across all. */
export const qualifications = async (
  api: ConsoleApi,
  filter: { readonly institutionId?: string; readonly lapsingWithinDays?: number },
  signal: AbortSignal,
) =>
  storedQualificationsSchema.parse(
    await api.get<unknown>(
      '/api/platform/qualifications',
      {
        ...(filter.institutionId ? { institutionId: filter.institutionId } : {}),
        ...(filter.lapsingWithinDays ? { lapsingWithinDays: String(filter.lapsingWithinDays) } : {}),
      },
      signal,
    ),
  );

export const recordQualification = (api: ConsoleApi, qualification: z.input<typeof qualificationSchema>) =>
  api.send<unknown>('POST', '/api/platform/qualifications', { json: qualification });

export const withdrawQualification = (api: ConsoleApi, id: number, withdrawnOn: string) =>
  api.send<unknown>('POST', `/api/platform/qualifications/${id}/withdraw`, { json: { withdrawnOn } });

/** A quality-control centre's published results as CSV: rows saved and rows refused, by number. */
export type ImportReport = z.infer<typeof importReportSchema>;

/** Imports a registry CSV, or (a preview) checks it and counts what it would import, saving nothing. */
export const importRegistry = async (
  api: ConsoleApi,
  kind: 'institutions' | 'qualifications',
  csv: string,
  { preview }: { readonly preview: boolean },
) =>
  importReportSchema.parse(
    await api.send<unknown>('POST', `/api/platform/import/${kind}`, { csv }, { preview: String(preview) }),
  );

export const catalog = async (api: ConsoleApi, signal: AbortSignal) =>
  catalogSchema.parse(await api.get<unknown>('/api/platform/catalog', {}, signal));

/** Adds or changes a catalog item, checked as the API checks it. */
export const saveCatalogItem = (api: ConsoleApi, item: RecognitionItem) =>
  api.send<unknown>('PUT', `/api/platform/catalog/${encodeURIComponent(item.code)}`, { json: item });

/** What recording or withdrawing a qualification would do to the institution's stored results; saves nothing. */
export const qualificationEffect = async (api: ConsoleApi, change: z.input<typeof qualificationChangeSchema>) =>
  qualificationEffectSchema.parse(
    await api.send<unknown>('POST', '/api/platform/qualifications/dry-run', { json: change }),
  );

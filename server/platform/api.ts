import { z } from 'zod';
import { addDays, localDate } from '../../rules';
import { apiRoute } from '../api/route';
import { catalogSchema, importReportSchema } from '../contract/admin-responses';
import {
  cdsClientSchema,
  institutionSchema,
  qualificationSchema,
  recognitionItemSchema,
  revocationInputSchema,
  withdrawalInputSchema,
} from '../contract/admin';
import { registryCsvRows } from '../contract/csv-rows';
import {
  clientRegistrationSchema,
  clientRevocationSchema,
  institutionsSchema,
  qualificationChangeSchema,
  qualificationEffectSchema,
  registeredClientsSchema,
  storedQualificationSchema,
  storedQualificationsSchema,
  withdrawalSchema,
} from '../contract/platform';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import type { ApiRole } from '../store/api-tokens';
import { loadCatalog } from '../store/catalog';
import {
  listClients,
  listQualifications,
  loadInstitutions,
  revokeClient,
  withdrawQualification,
} from '../store/registry';
import { applyRecords, importRecords } from './apply';
import { qualificationDryRun } from './qualification-dry-run';
import { RECORD_KINDS, type RecordKind, type RecordOf } from './records';

export const PLATFORM: readonly ApiRole[] = ['platform'];

/** Reference data and clients are cached per process: a change is seen at once here and announced to the others. */
export function changed(services: Services): void {
  services.reference.invalidate();
  services.clients.invalidate();
}

function sameKey(inPath: string, inBody: string, name: string): void {
  if (inPath !== inBody) throw new HttpError(400, 'invalid', `the ${name} in the path and in the body differ`, name);
}

/** One record through the same checks as an import row; a refusal is a 400 naming the field. */
async function saveOne<K extends RecordKind>(services: Services, kind: K, record: RecordOf<K>): Promise<void> {
  const result = await applyRecords(services.db, kind, [{ row: 1, record }], services.clock());
  if (result.refused[0]) throw new HttpError(400, 'invalid', result.refused[0].message, result.refused[0].field);
  changed(services);
}

/** A record saved under the key its path names (which must be the body's own), answered as saved. */
export const savedUnderKey =
  <T, K extends string>(
    name: K,
    keyOf: (record: T) => string,
    save: (services: Services, record: T) => Promise<void>,
  ) =>
  async ({ params, body, services }: { params: Record<K, string>; body: T; services: Services }): Promise<T> => {
    sameKey(params[name], keyOf(body), name);
    await save(services, body);
    changed(services);
    return body;
  };

export const keyParams = <K extends string>(name: K, description: string) =>
  z.object({ [name]: z.string().min(1).max(255).meta({ description }) } as Record<K, z.ZodString>);

const registryCsv =
  `Columns by kind (lists separated by ;): ${Object.entries(registryCsvRows)
    .map(([kind, row]) => `${kind}: ${row.columns.join(', ')}`)
    .join('; ')}. ` +
  'Each row meets the limits of the JSON form (Institution, Qualification, CdsClient, RecognitionItem); a refused row is listed in `refused` with its row and column.';

/** The regional platform operator's registry: regions, institutions, alliances, qualifications, CDS clients, the catalog. */
export const platformApi = [
  apiRoute({
    method: 'get',
    path: '/api/platform/institutions',
    summary: 'Every institution',
    access: PLATFORM,
    answer: institutionsSchema,
    answerDescription: 'the institutions',
    handle: ({ services }) => loadInstitutions(services.reader),
  }),
  apiRoute({
    method: 'put',
    path: '/api/platform/institutions/{id}',
    summary: 'Save an institution (its level, region, alliances and 互认 status)',
    access: PLATFORM,
    params: keyParams('id', 'the institution id'),
    body: institutionSchema,
    answer: institutionSchema,
    answerDescription: 'the institution saved',
    handle: savedUnderKey(
      'id',
      (institution) => institution.id,
      (services, institution) => saveOne(services, 'institutions', institution),
    ),
  }),
  apiRoute({
    method: 'get',
    path: '/api/platform/qualifications',
    summary: "Qualifications, all or one institution's; or those that lapse soon",
    access: PLATFORM,
    query: z.object({
      institutionId: z.string().min(1).max(255).optional().meta({ description: 'one institution only' }),
      lapsingWithinDays: z.coerce.number().int().min(1).max(365).optional().meta({
        description:
          'only passed, not withdrawn qualifications whose last valid local day is today or within this many days, soonest first',
      }),
    }),
    answer: storedQualificationsSchema,
    answerDescription: 'the qualifications',
    handle: async ({ query, services }) => {
      const all = await listQualifications(services.reader, query.institutionId);
      const within = query.lapsingWithinDays;
      if (within === undefined) return all;
      const today = localDate(services.clock(), services.config.timeZone);
      const last = addDays(today, within);
      // A withdrawal already in force ends it before it lapses; one dated later does not.
      return all
        .filter(
          (qualification) =>
            qualification.passed &&
            (qualification.withdrawnOn === null || qualification.withdrawnOn > today) &&
            qualification.validUntil >= today &&
            qualification.validUntil <= last,
        )
        .sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.id - b.id);
    },
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/qualifications',
    summary: 'Record a qualification (EQA, blind sample, evaluation or accreditation) of an institution',
    access: PLATFORM,
    body: qualificationSchema,
    answer: storedQualificationSchema,
    status: 201,
    answerDescription: 'the qualification stored, with its id',
    handle: async ({ body, services }) => {
      await saveOne(services, 'qualifications', body);
      const stored = (await listQualifications(services.db, body.institutionId)).at(-1);
      if (!stored) throw new Error('a saved qualification is not listed');
      return stored;
    },
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/qualifications/dry-run',
    summary:
      "Before recording or withdrawing a qualification: how many of the institution's stored results of the past year it makes pass the qualification check, or no longer pass it; nothing is saved",
    access: PLATFORM,
    body: qualificationChangeSchema,
    answer: qualificationEffectSchema,
    answerDescription: 'the effect',
    errors: [404],
    handle: ({ body, services }) => qualificationDryRun(services, body),
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/qualifications/{id}/withdraw',
    summary: 'Withdraw a qualification from a day on',
    access: PLATFORM,
    params: z.object({ id: z.coerce.number().int().min(1).meta({ description: 'the qualification id' }) }),
    body: withdrawalInputSchema,
    answer: withdrawalSchema,
    answerDescription: 'the withdrawal',
    errors: [404],
    handle: async ({ params, body, services }) => {
      if (!(await withdrawQualification(services.db, params.id, body.withdrawnOn)))
        throw new HttpError(404, 'not-found', `no qualification ${params.id}`);
      changed(services);
      return { id: params.id, withdrawnOn: body.withdrawnOn };
    },
  }),
  apiRoute({
    method: 'get',
    path: '/api/platform/clients',
    summary: 'Every registered CDS client (EHR)',
    access: PLATFORM,
    answer: registeredClientsSchema,
    answerDescription: 'the clients',
    handle: ({ services }) => listClients(services.reader),
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/clients',
    summary: 'Register an EHR as a CDS client: its issuer, hospital, keys (JWKS or jku allowlist) and FHIR servers',
    access: PLATFORM,
    body: cdsClientSchema,
    answer: clientRegistrationSchema,
    status: 201,
    answerDescription: 'the client registered',
    handle: async ({ body, services }) => {
      await saveOne(services, 'clients', body);
      return { issuer: body.issuer, hospitalId: body.hospitalId, jkuAllowlist: body.jkuAllowlist };
    },
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/clients/revoke',
    summary: 'Revoke a CDS client: its tokens are refused from now on',
    access: PLATFORM,
    body: revocationInputSchema,
    answer: clientRevocationSchema,
    answerDescription: 'the revocation',
    errors: [404],
    handle: async ({ body, services }) => {
      if (!(await revokeClient(services.db, body.issuer, services.clock())))
        throw new HttpError(404, 'not-found', `no active client ${body.issuer}`);
      changed(services);
      return { issuer: body.issuer, revoked: true as const };
    },
  }),
  apiRoute({
    method: 'get',
    path: '/api/platform/catalog',
    summary: 'The recognition catalog as stored',
    access: PLATFORM,
    answer: catalogSchema,
    answerDescription: 'the items',
    handle: ({ services }) => loadCatalog(services.reader),
  }),
  apiRoute({
    method: 'put',
    path: '/api/platform/catalog/{code}',
    summary: 'Save a catalog item',
    access: PLATFORM,
    params: keyParams('code', 'the item code'),
    body: recognitionItemSchema,
    answer: recognitionItemSchema,
    answerDescription: 'the item saved',
    handle: savedUnderKey(
      'code',
      (item) => item.code,
      // Through the import's checks: a panel's analytes must be in the catalog, as in a file.
      (services, item) => saveOne(services, 'catalog', item),
    ),
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/import/{kind}',
    summary: 'Import institutions, qualifications, clients or catalog items (JSON array or CSV)',
    access: PLATFORM,
    params: z.object({ kind: z.string().meta({ description: RECORD_KINDS.join(' | ') }) }),
    query: z.object({
      preview: z.enum(['true', 'false']).optional().meta({
        description: 'true to check every row (references too) and count what would be saved, saving nothing',
      }),
    }),
    body: {
      csv: registryCsv,
      orJson: z.array(z.union([institutionSchema, qualificationSchema, cdsClientSchema, recognitionItemSchema])),
    },
    bodyLimit: 'registryImport',
    answer: importReportSchema,
    answerDescription: 'rows saved and refused',
    errors: [404],
    localized: true,
    handle: async ({ params, query, body, principal, locale, services }) => {
      const kind = RECORD_KINDS.find((known) => known === params.kind);
      if (!kind) throw new HttpError(404, 'not-found', `nothing to import as ${params.kind}`, 'kind');
      const csv = typeof body === 'string';
      const text = csv ? body : JSON.stringify(body);
      const preview = query.preview === 'true';
      const { saved, refused } = await importRecords(services.db, kind, text, csv ? 'csv' : 'json', services.clock(), {
        preview,
        locale,
      });
      if (preview) return { kind, preview, saved, refused };
      changed(services);
      services.logger.info({ kind, saved, refused: refused.length, by: principal.name }, 'registry import');
      return { kind, preview, saved, refused };
    },
  }),
];

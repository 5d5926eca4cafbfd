import { z } from 'zod';
import {
  dayBound,
  daysBefore,
  DISCIPLINES,
  NO_OVERRIDE,
  overrideViolations,
  type HospitalOverride,
  type OverrideViolation,
} from '../../rules';
import { hospitalOf } from '../auth/api-token';
import { apiRoute } from '../api/route';
import {
  catalogSchema,
  codeMappingsSchema,
  dryRunReportSchema,
  mappingUploadSchema,
  overrideHistorySchema,
  rulesStateSchema,
  unmappedCodesSchema,
} from '../contract/admin-responses';
import {
  codeMappingInputSchema,
  dryRunInputSchema,
  hospitalOverrideSchema,
  rollbackInputSchema,
  type CodeMapping,
} from '../contract/admin';
import { MANY_PATIENTS } from '../contract/access-log';
import { CODE_MAPPING_CSV_HEADERS } from '../contract/csv-rows';
import { tokenActor } from '../access-log/actors';
import type { ApiRole, Principal } from '../store/api-tokens';
import { apiInvalid, HttpError } from '../errors/http-error';
import { messages } from '../i18n';
import type { Refusal } from '../platform/records';
import type { Services } from '../services';
import {
  currentOverride,
  deleteCodeMappings,
  loadCodeMappings,
  overrideHistory,
  saveCodeMappings,
  saveOverride,
  unmappedCodes,
} from '../store/hospital-config';
import { configurationFor, type ReferenceData } from '../store/reference';
import { parseCodeMappings } from './csv-mappings';
import { dryRun } from './dry-run';

const ADMIN: readonly ApiRole[] = ['admin'];

function describe(violation: OverrideViolation): string {
  switch (violation.code) {
    case 'unknown-item':
      return `${violation.itemCode} is not an item of the catalog`;
    case 'window-out-of-bounds':
      return `${violation.itemCode}: the window must be a whole number of days from 0 to ${violation.bound} (the region's bound)`;
    case 'acceptance-beyond-policy':
      return `the region allows lower-level results at most from "${violation.bound}"`;
  }
}

/** 400 naming the field and the bound it breaks, or the override as validated. */
function validOverride(body: unknown, hospitalId: string, reference: ReferenceData): HospitalOverride {
  const parsed = hospitalOverrideSchema.safeParse(body);
  if (!parsed.success) throw apiInvalid(parsed.error);
  const hospital = reference.institutions.get(hospitalId);
  const policy = hospital ? reference.regions.get(hospital.region) : undefined;
  if (!policy) throw new HttpError(409, 'hospital-unregistered', `hospital ${hospitalId} has no region policy`);
  const [violation] = overrideViolations(parsed.data, [...reference.catalog.values()], policy);
  if (violation) throw new HttpError(400, 'out-of-bounds', describe(violation), violation.field);
  return parsed.data;
}

async function rulesState(services: Services, hospitalId: string) {
  const reference = await services.reference.current();
  const hospital = reference.institutions.get(hospitalId);
  const policy = hospital ? reference.regions.get(hospital.region) : undefined;
  const state = await currentOverride(services.reader, hospitalId);
  return {
    hospitalId,
    ...state,
    bounds: {
      windowDays: Object.fromEntries([...reference.catalog.values()].map((item) => [item.code, dayBound(item.window)])),
      lowerLevelAcceptance: policy?.lowerLevelAcceptance ?? null,
      disciplines: DISCIPLINES,
    },
  };
}

/** Checks an override against the region's bounds, saves it as a new version, and answers with the rules now in force. */
async function saveRules(
  services: Services,
  principal: Principal,
  proposed: unknown,
  kind?: 'rollback',
): Promise<Awaited<ReturnType<typeof rulesState>>> {
  const hospitalId = hospitalOf(principal);
  const override = validOverride(proposed, hospitalId, await services.reference.current());
  await saveOverride(services.db, hospitalId, override, principal.name, services.clock(), kind);
  services.reference.invalidate();
  return rulesState(services, hospitalId);
}

/**
 * Saves the good rows only when no row was refused (a file is taken whole or not at all, so a table
 * is never left half-uploaded) and never on a preview; answers what was (or would be) saved and dropped,
 * what was refused, and which codes are still unmapped.
 */
async function saveMappings(
  services: Services,
  hospitalId: string,
  rows: { readonly accepted: readonly CodeMapping[]; readonly refused: readonly Refusal[] },
  how: { readonly replace: boolean; readonly preview: boolean },
) {
  const { accepted, refused } = rows;
  const key = (mapping: CodeMapping) => `${mapping.system} ${mapping.localCode}`;
  const incoming = new Set(accepted.map(key));
  // Replacing is per code system: a file of RIS exam codes leaves the LIS item codes as they are.
  const systems = [...new Set(accepted.map((mapping) => mapping.system))];
  const dropped = how.replace
    ? (await loadCodeMappings(services.db, hospitalId)).filter(
        (mapping) => systems.includes(mapping.system) && !incoming.has(key(mapping)),
      ).length
    : 0;
  const saved = refused.length === 0 && !how.preview;
  if (saved) {
    await services.db.transaction(async (trx) => {
      if (how.replace) await deleteCodeMappings(trx, hospitalId, systems);
      await saveCodeMappings(trx, accepted);
    });
    services.reference.invalidate();
  }
  await services.unmappedCodes.flush();
  const since = daysBefore(services.clock(), 30).toISOString();
  return {
    saved,
    accepted: accepted.length,
    dropped,
    refused,
    unmappedSeen: await unmappedCodes(services.db, hospitalId, since),
  };
}

const mappingCsv =
  `Columns (any of the names): ${Object.values(CODE_MAPPING_CSV_HEADERS)
    .map((names) => names.join(' | '))
    .join('; ')}. ` +
  'Each row meets the limits of CodeMappingInput (a blank name is the code); a refused row is listed in `refused` with its row and column.';

/** A hospital administrator's rules (within the region's bounds), versioned, with a dry run; and the local code mappings. */
export const adminApi = [
  apiRoute({
    method: 'get',
    path: '/api/catalog',
    summary: 'The recognition catalog',
    access: ['quality', 'admin', 'platform'],
    answer: catalogSchema,
    answerDescription: 'the items',
    handle: async ({ services }) => [...(await services.reference.current()).catalog.values()],
  }),
  apiRoute({
    method: 'get',
    path: '/api/admin/rules',
    summary: "The hospital's rule override, its version and the region's bounds",
    access: ADMIN,
    answer: rulesStateSchema,
    answerDescription: 'the rules',
    handle: ({ principal, services }) => rulesState(services, hospitalOf(principal)),
  }),
  apiRoute({
    method: 'put',
    path: '/api/admin/rules',
    summary: 'Save a new version of the override (refused outside the bounds, naming the bound)',
    access: ADMIN,
    body: hospitalOverrideSchema,
    answer: rulesStateSchema,
    answerDescription: 'the rules as saved',
    errors: [409],
    handle: ({ body, principal, services }) => saveRules(services, principal, body),
  }),
  apiRoute({
    method: 'get',
    path: '/api/admin/rules/history',
    summary: 'Every version: who, when, before and after',
    access: ADMIN,
    answer: overrideHistorySchema,
    answerDescription: 'the versions',
    handle: ({ principal, services }) => overrideHistory(services.reader, hospitalOf(principal)),
  }),
  apiRoute({
    method: 'post',
    path: '/api/admin/rules/rollback',
    summary: "Save an earlier version again, as a new version; version 0 is the region's defaults (no hospital rules)",
    access: ADMIN,
    body: rollbackInputSchema,
    answer: rulesStateSchema,
    answerDescription: 'the rules as saved',
    errors: [404, 409],
    handle: async ({ body, principal, services }) => {
      const hospitalId = hospitalOf(principal);
      // Version 0 is the state before any version: no hospital rules, the region's defaults.
      const target =
        body.version === 0
          ? { override: NO_OVERRIDE }
          : (await overrideHistory(services.db, hospitalId)).find((version) => version.version === body.version);
      if (!target)
        throw new HttpError(404, 'not-found', `no version ${body.version} of this hospital's rules`, 'version');
      // The old version may have gone out of bounds since (the region narrowed): saving checks it again.
      return saveRules(services, principal, target.override, 'rollback');
    },
  }),
  apiRoute({
    method: 'post',
    path: '/api/admin/rules/dry-run',
    summary: "What a proposed override would have done to the last days' prompts",
    access: ADMIN,
    body: dryRunInputSchema,
    answer: dryRunReportSchema,
    answerDescription: 'the replay',
    errors: [409],
    handle: async ({ body, principal, services }) => {
      const hospitalId = hospitalOf(principal);
      const reference = await services.reference.current();
      const override = validOverride(body.override, hospitalId, reference);
      const current = configurationFor(reference, hospitalId, services.config.timeZone);
      if (!current) throw new HttpError(409, 'hospital-unregistered', `hospital ${hospitalId} is not registered`);
      const report = await dryRun(services.reader, reference, hospitalId, override, current, {
        days: body.days,
        now: services.clock(),
        timeZone: services.config.timeZone,
      });
      // The replay read the results behind every past card: one entry for the run, with how many cards.
      services.accessLog.note(tokenActor(principal, 'POST /api/admin/rules/dry-run'), {
        hospitalId,
        patientKey: MANY_PATIENTS,
        results: report.evaluated,
      });
      return report;
    },
  }),
  apiRoute({
    method: 'get',
    path: '/api/admin/code-mappings',
    summary: "The hospital's local order codes and their catalog items",
    access: ADMIN,
    answer: codeMappingsSchema,
    answerDescription: 'the mappings',
    handle: ({ principal, services }) => loadCodeMappings(services.reader, hospitalOf(principal)),
  }),
  apiRoute({
    method: 'put',
    path: '/api/admin/code-mappings',
    summary:
      'Upload a CSV (local code, local name, item code), saved whole or not at all; ?replace=true drops mappings not in it; ?preview=true saves nothing',
    access: ADMIN,
    query: z.object({
      replace: z.enum(['true', 'false']).optional().meta({ description: 'true to replace all' }),
      preview: z
        .enum(['true', 'false'])
        .optional()
        .meta({ description: 'true to check the file and count what it would change, saving nothing' }),
    }),
    body: { csv: mappingCsv },
    bodyLimit: 'mappings',
    answer: mappingUploadSchema,
    answerDescription: 'whether it was saved, rows good and refused, mappings dropped, and codes still unmapped',
    errors: [415],
    localized: true,
    handle: async ({ query, body, principal, locale, services }) => {
      const hospitalId = hospitalOf(principal);
      if (typeof body !== 'string') throw new HttpError(415, 'unsupported', 'send the mappings as text/csv', null);
      const reference = await services.reference.current();
      const rows = await parseCodeMappings(
        body,
        { id: hospitalId, localCodeSystems: reference.institutions.get(hospitalId)?.localCodeSystems ?? [] },
        reference.catalog,
        messages(locale),
      );
      return saveMappings(services, hospitalId, rows, {
        replace: query.replace === 'true',
        preview: query.preview === 'true',
      });
    },
  }),
  apiRoute({
    method: 'post',
    path: '/api/admin/code-mappings',
    summary: 'Map one local code (from the unmapped-codes list) to a catalog item',
    access: ADMIN,
    body: codeMappingInputSchema,
    answer: mappingUploadSchema,
    answerDescription: 'the mapping saved, and codes still unmapped',
    handle: async ({ body, principal, services }) => {
      const hospitalId = hospitalOf(principal);
      const { localCode, localName, itemCode } = body;
      const reference = await services.reference.current();
      if (!reference.catalog.has(itemCode))
        throw new HttpError(400, 'invalid', `no catalog item ${itemCode}`, 'itemCode');
      const systems = reference.institutions.get(hospitalId)?.localCodeSystems ?? [];
      const system = body.system ?? systems[0];
      if (!system || !systems.includes(system))
        throw new HttpError(
          400,
          'invalid',
          `code system ${system ?? '(none)'} is not registered for this hospital (registered: ${systems.join(', ') || 'none'})`,
          'system',
        );
      const mapping = { institutionId: hospitalId, system, localCode, localName: localName ?? localCode, itemCode };
      return saveMappings(
        services,
        hospitalId,
        { accepted: [mapping], refused: [] },
        { replace: false, preview: false },
      );
    },
  }),
  apiRoute({
    method: 'get',
    path: '/api/admin/unmapped-codes',
    summary: 'Local codes seen in recent orders that map to nothing',
    access: ADMIN,
    query: z.object({
      days: z.coerce.number().int().min(1).max(365).default(30).meta({ description: '1-365, default 30' }),
    }),
    answer: unmappedCodesSchema,
    answerDescription: 'the codes',
    handle: async ({ query, principal, services }) => {
      await services.unmappedCodes.flush();
      const since = daysBefore(services.clock(), query.days).toISOString();
      return unmappedCodes(services.reader, hospitalOf(principal), since);
    },
  }),
];

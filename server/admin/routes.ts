import express, { Router } from 'express';
import {
  dayBound,
  daysBefore,
  DISCIPLINES,
  NO_OVERRIDE,
  overrideViolations,
  type HospitalOverride,
  type OverrideViolation,
} from '../../rules';
import { hospitalOf, principalOf, requireRole } from '../auth/api-token';
import { apiInvalid, HttpError } from '../errors/http-error';
import { localeFrom, messages } from '../i18n';
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
import {
  codeMappingInputSchema,
  dryRunInputSchema,
  hospitalOverrideSchema,
  rollbackInputSchema,
  type CodeMapping,
} from '../contract/admin';

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

/** A hospital administrator's rules (within the region's bounds), versioned, with a dry run; and the local code mappings. */
export function adminRoutes(services: Services): Router {
  const router = Router();
  router.use('/api/admin', requireRole(services, 'admin'));

  /** The catalog, for the consoles' choices (read-only to everyone with a token). */
  router.get('/api/catalog', requireRole(services, 'quality', 'admin', 'platform'), async (_request, response) => {
    response.json([...(await services.reference.current()).catalog.values()]);
  });

  const rulesState = async (hospitalId: string) => {
    const reference = await services.reference.current();
    const hospital = reference.institutions.get(hospitalId);
    const policy = hospital ? reference.regions.get(hospital.region) : undefined;
    const state = await currentOverride(services.reader, hospitalId);
    return {
      hospitalId,
      ...state,
      bounds: {
        windowDays: Object.fromEntries(
          [...reference.catalog.values()].map((item) => [item.code, dayBound(item.window)]),
        ),
        lowerLevelAcceptance: policy?.lowerLevelAcceptance ?? null,
        disciplines: DISCIPLINES,
      },
    };
  };

  router.get('/api/admin/rules', async (_request, response) => {
    response.json(await rulesState(hospitalOf(principalOf(response))));
  });

  router.put('/api/admin/rules', async (request, response) => {
    const principal = principalOf(response);
    const hospitalId = hospitalOf(principal);
    const override = validOverride(request.body, hospitalId, await services.reference.current());
    await saveOverride(services.db, hospitalId, override, principal.name, services.clock());
    services.reference.invalidate();
    response.json(await rulesState(hospitalId));
  });

  router.get('/api/admin/rules/history', async (_request, response) => {
    response.json(await overrideHistory(services.reader, hospitalOf(principalOf(response))));
  });

  router.post('/api/admin/rules/rollback', async (request, response) => {
    const principal = principalOf(response);
    const hospitalId = hospitalOf(principal);
    // Version 0 is the state before any version: no hospital rules, the region's defaults.
    const parsed = rollbackInputSchema.safeParse(request.body);
    if (!parsed.success) throw apiInvalid(parsed.error);
    const target =
      parsed.data.version === 0
        ? { override: NO_OVERRIDE }
        : (await overrideHistory(services.db, hospitalId)).find((version) => version.version === parsed.data.version);
    if (!target)
      throw new HttpError(404, 'not-found', `no version ${parsed.data.version} of this hospital's rules`, 'version');
    // The old version may have gone out of bounds since (the region narrowed): check it again.
    const override = validOverride(target.override, hospitalId, await services.reference.current());
    await saveOverride(services.db, hospitalId, override, principal.name, services.clock(), 'rollback');
    services.reference.invalidate();
    response.json(await rulesState(hospitalId));
  });

  router.post('/api/admin/rules/dry-run', async (request, response) => {
    const hospitalId = hospitalOf(principalOf(response));
    const parsed = dryRunInputSchema.safeParse(request.body);
    if (!parsed.success) throw apiInvalid(parsed.error);
    const reference = await services.reference.current();
    const override = validOverride(parsed.data.override, hospitalId, reference);
    const current = configurationFor(reference, hospitalId, services.config.timeZone);
    if (!current) throw new HttpError(409, 'hospital-unregistered', `hospital ${hospitalId} is not registered`);
    response.json(
      await dryRun(services.reader, reference, hospitalId, override, current, {
        days: parsed.data.days,
        now: services.clock(),
        timeZone: services.config.timeZone,
      }),
    );
  });

  router.get('/api/admin/code-mappings', async (_request, response) => {
    response.json(await loadCodeMappings(services.reader, hospitalOf(principalOf(response))));
  });

  /** Saves accepted mappings and answers with what was refused and which codes are still unmapped. */
  const saveMappings = async (
    hospitalId: string,
    accepted: readonly CodeMapping[],
    refused: readonly Refusal[],
    replace: boolean,
  ) => {
    await services.db.transaction(async (trx) => {
      if (replace) await deleteCodeMappings(trx, hospitalId);
      await saveCodeMappings(trx, accepted);
    });
    services.reference.invalidate();
    await services.unmappedCodes.flush();
    const since = daysBefore(services.clock(), 30).toISOString();
    return { accepted: accepted.length, refused, unmappedSeen: await unmappedCodes(services.db, hospitalId, since) };
  };

  /** A CSV of local code, local name, catalog item code. `?replace=true` drops the mappings not in the file. */
  router.put(
    '/api/admin/code-mappings',
    express.text({ type: ['text/csv', 'text/plain'], limit: '5mb' }),
    async (request, response) => {
      const hospitalId = hospitalOf(principalOf(response));
      if (typeof request.body !== 'string')
        throw new HttpError(415, 'unsupported', 'send the mappings as text/csv', null);
      const reference = await services.reference.current();
      const { accepted, refused } = parseCodeMappings(
        request.body,
        hospitalId,
        reference.catalog,
        messages(localeFrom(request.get('accept-language'))),
      );
      response.json(await saveMappings(hospitalId, accepted, refused, request.query.replace === 'true'));
    },
  );

  /** One mapping, as the unmapped-codes list makes it in place: a local code and the catalog item it stands for. */
  router.post('/api/admin/code-mappings', async (request, response) => {
    const hospitalId = hospitalOf(principalOf(response));
    const parsed = codeMappingInputSchema.safeParse(request.body);
    if (!parsed.success) throw apiInvalid(parsed.error);
    const { localCode, localName, itemCode } = parsed.data;
    if (!(await services.reference.current()).catalog.has(itemCode))
      throw new HttpError(400, 'invalid', `no catalog item ${itemCode}`, 'itemCode');
    response.json(
      await saveMappings(
        hospitalId,
        [{ institutionId: hospitalId, localCode, localName: localName ?? localCode, itemCode }],
        [],
        false,
      ),
    );
  });

  router.get('/api/admin/unmapped-codes', async (request, response) => {
    const hospitalId = hospitalOf(principalOf(response));
    const days = Math.min(365, Math.max(1, Number(request.query.days ?? 30) || 30));
    await services.unmappedCodes.flush();
    response.json(await unmappedCodes(services.reader, hospitalId, daysBefore(services.clock(), days).toISOString()));
  });
  return router;
}

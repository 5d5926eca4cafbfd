import express, { Router, type Request } from 'express';
import type { z } from 'zod';
import { principalOf, requireRole } from '../auth/api-token';
import {
  allianceSchema,
  cdsClientSchema,
  institutionSchema,
  qualificationSchema,
  recognitionItemSchema,
  regionPolicySchema,
  revocationInputSchema,
  withdrawalInputSchema,
} from '../contract/admin';
import { apiInvalid, HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { loadCatalog, saveItems } from '../store/catalog';
import {
  listClients,
  listQualifications,
  loadInstitutions,
  loadRegions,
  revokeClient,
  saveAlliance,
  saveRegion,
  withdrawQualification,
} from '../store/registry';
import { applyRecords, importRecords } from './apply';
import { RECORD_KINDS, type RecordKind, type RecordOf } from './records';

function validated<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw apiInvalid(parsed.error);
  return parsed.data;
}

function sameKey(request: Request, key: string, name: string): void {
  if (request.params[name] !== key)
    throw new HttpError(400, 'invalid', `the ${name} in the path and in the body differ`, name);
}

/** The regional platform operator's registry: regions, institutions, alliances, qualifications, CDS clients, the catalog. */
export function platformRoutes(services: Services): Router {
  const router = Router();
  const platform = requireRole(services, 'platform');
  const changed = () => {
    services.reference.invalidate();
    services.clients.invalidate();
  };
  router.use('/api/platform', platform);

  /** One record through the same checks as an import row; a refusal is a 400 naming the field. */
  const saveOne = async <K extends RecordKind>(kind: K, record: RecordOf<K>) => {
    const result = await applyRecords(services.db, kind, [{ row: 1, record }], services.clock());
    if (result.refused[0]) throw new HttpError(400, 'invalid', result.refused[0].message, result.refused[0].field);
    changed();
  };

  router.get('/api/platform/regions', async (_request, response) => {
    response.json(await loadRegions(services.reader));
  });
  router.put('/api/platform/regions/:code', async (request, response) => {
    const region = validated(regionPolicySchema, request.body);
    sameKey(request, region.code, 'code');
    await saveRegion(services.db, region);
    changed();
    response.json(region);
  });

  router.get('/api/platform/institutions', async (_request, response) => {
    response.json(await loadInstitutions(services.reader));
  });
  router.put('/api/platform/institutions/:id', async (request, response) => {
    const institution = validated(institutionSchema, request.body);
    sameKey(request, institution.id, 'id');
    await saveOne('institutions', institution);
    response.json(institution);
  });

  router.put('/api/platform/alliances/:id', async (request, response) => {
    const alliance = validated(allianceSchema, request.body);
    sameKey(request, alliance.id, 'id');
    await saveAlliance(services.db, alliance);
    changed();
    response.json(alliance);
  });

  router.get('/api/platform/qualifications', async (request, response) => {
    const institutionId = typeof request.query.institutionId === 'string' ? request.query.institutionId : undefined;
    response.json(await listQualifications(services.reader, institutionId));
  });
  router.post('/api/platform/qualifications', async (request, response) => {
    const qualification = validated(qualificationSchema, request.body);
    await saveOne('qualifications', qualification);
    response.status(201).json((await listQualifications(services.db, qualification.institutionId)).at(-1));
  });
  router.post('/api/platform/qualifications/:id/withdraw', async (request, response) => {
    const { withdrawnOn } = validated(withdrawalInputSchema, request.body);
    if (!(await withdrawQualification(services.db, Number(request.params.id), withdrawnOn)))
      throw new HttpError(404, 'not-found', `no qualification ${request.params.id}`);
    changed();
    response.json({ id: Number(request.params.id), withdrawnOn });
  });

  router.get('/api/platform/clients', async (_request, response) => {
    response.json(await listClients(services.reader));
  });
  router.post('/api/platform/clients', async (request, response) => {
    const client = validated(cdsClientSchema, request.body);
    await saveOne('clients', client);
    response
      .status(201)
      .json({ issuer: client.issuer, hospitalId: client.hospitalId, jkuAllowlist: client.jkuAllowlist });
  });
  router.post('/api/platform/clients/revoke', async (request, response) => {
    const { issuer } = validated(revocationInputSchema, request.body);
    if (!(await revokeClient(services.db, issuer, services.clock())))
      throw new HttpError(404, 'not-found', `no active client ${issuer}`);
    changed();
    response.json({ issuer, revoked: true });
  });

  router.get('/api/platform/catalog', async (_request, response) => {
    response.json(await loadCatalog(services.reader));
  });
  router.put('/api/platform/catalog/:code', async (request, response) => {
    const item = validated(recognitionItemSchema, request.body);
    sameKey(request, item.code, 'code');
    await saveItems(services.db, [item]);
    changed();
    response.json(item);
  });

  /** Bulk import: a JSON array, or CSV (text/csv) with one column per field. */
  router.post(
    '/api/platform/import/:kind',
    express.text({ type: ['text/csv', 'text/plain'], limit: '20mb' }),
    async (request, response) => {
      const kind = request.params.kind as RecordKind;
      if (!(RECORD_KINDS as readonly string[]).includes(kind))
        throw new HttpError(404, 'not-found', `nothing to import as ${String(request.params.kind)}`, 'kind');
      const csv = typeof request.body === 'string';
      const { saved, refused } = await importRecords(
        services.db,
        kind,
        csv ? (request.body as string) : JSON.stringify(request.body),
        csv ? 'csv' : 'json',
        services.clock(),
      );
      changed();
      services.logger.info({ kind, saved, refused: refused.length, by: principalOf(response).name }, 'registry import');
      response.json({ kind, saved, refused });
    },
  );
  return router;
}

import { apiRoute } from '../api/route';
import { allianceSchema, regionPolicySchema } from '../contract/admin';
import { regionsSchema } from '../contract/platform';
import { tokenActor } from '../access-log/actors';
import { MANY_PATIENTS } from '../contract/access-log';
import {
  alliancesSchema,
  regionDryRunInputSchema,
  regionDryRunReportSchema,
  regionHistorySchema,
  regionRollbackInputSchema,
  regionRollbackSchema,
} from '../contract/regions';
import { HttpError } from '../errors/http-error';
import { regionHistory, saveRegionVersion } from '../store/region-history';
import { loadAlliances, loadInstitutions, loadRegions, saveAlliance } from '../store/registry';
import { changed, keyParams, PLATFORM, savedUnderKey } from './api';
import { regionDryRun } from './region-dry-run';
import { unknownPartner } from './region-partners';

/**
 * Regions and alliances (issue 21 point 3): a region's policy is versioned like a hospital's rules,
 * with its history and a rollback that puts an earlier version in force again as a new version.
 */
export const regionsApi = [
  apiRoute({
    method: 'get',
    path: '/api/platform/regions',
    summary: 'Every region policy',
    access: PLATFORM,
    answer: regionsSchema,
    answerDescription: 'the policies',
    handle: ({ services }) => loadRegions(services.reader),
  }),
  apiRoute({
    method: 'put',
    path: '/api/platform/regions/{code}',
    summary: "Save a region's policy (the code in the path and the body agree); recorded as its next version",
    access: PLATFORM,
    params: keyParams('code', 'the region code'),
    body: regionPolicySchema,
    answer: regionPolicySchema,
    answerDescription: 'the policy saved',
    handle: async ({ params, body, principal, services }) => {
      if (params.code !== body.code)
        throw new HttpError(400, 'invalid', 'the code in the path and in the body differ', 'code');
      const stranger = await unknownPartner(services.reader, body);
      if (stranger !== null)
        throw new HttpError(400, 'invalid', `no other region ${stranger} to be a partner`, 'partnerRegions');
      await saveRegionVersion(services.db, body, { action: 'save', by: principal.name, at: services.clock() });
      changed(services);
      return body;
    },
  }),
  apiRoute({
    method: 'get',
    path: '/api/platform/regions/{code}/history',
    summary: "A region's policy versions, newest first: who saved each, when, and whether it was a rollback",
    access: PLATFORM,
    params: keyParams('code', 'the region code'),
    answer: regionHistorySchema,
    answerDescription: 'the versions',
    handle: ({ params, services }) => regionHistory(services.reader, params.code),
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/regions/{code}/rollback',
    summary: "Put an earlier version of a region's policy in force again (recorded as a new version)",
    access: PLATFORM,
    params: keyParams('code', 'the region code'),
    body: regionRollbackInputSchema,
    answer: regionRollbackSchema,
    answerDescription: 'the version now in force',
    errors: [404],
    handle: async ({ params, body, principal, services }) => {
      const earlier = (await regionHistory(services.db, params.code)).find((entry) => entry.version === body.version);
      if (!earlier)
        throw new HttpError(404, 'not-found', `no version ${body.version} of region ${params.code}`, 'version');
      const version = await saveRegionVersion(services.db, earlier.policy, {
        action: 'rollback',
        by: principal.name,
        at: services.clock(),
      });
      changed(services);
      return { code: params.code, version, policy: earlier.policy };
    },
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/regions/{code}/dry-run',
    summary:
      "What a proposed region policy would have done to the region's cards of the last days (each hospital with its own rules); saves nothing",
    access: PLATFORM,
    params: keyParams('code', 'the region code'),
    body: regionDryRunInputSchema,
    answer: regionDryRunReportSchema,
    answerDescription: 'the cards replayed, and those that would no longer be shown, with why',
    handle: async ({ params, body, principal, services }) => {
      if (params.code !== body.policy.code)
        throw new HttpError(400, 'invalid', 'the code in the path and in the policy differ', 'policy.code');
      const report = await regionDryRun(services, body.policy, body.days);
      // The replay read the results behind every past card of the region: one entry for the run.
      services.accessLog.note(tokenActor(principal, 'POST /api/platform/regions/:code/dry-run'), {
        hospitalId: null,
        patientKey: MANY_PATIENTS,
        results: report.evaluated,
      });
      return report;
    },
  }),
  apiRoute({
    method: 'get',
    path: '/api/platform/alliances',
    summary: 'Every alliance (医联体) with its kind and its members',
    access: PLATFORM,
    answer: alliancesSchema,
    answerDescription: 'the alliances',
    handle: async ({ services }) => {
      const [alliances, institutions] = await Promise.all([
        loadAlliances(services.reader),
        loadInstitutions(services.reader),
      ]);
      return alliances.map((alliance) => ({
        ...alliance,
        members: institutions.filter((institution) => institution.alliances.includes(alliance.id)).map((i) => i.id),
      }));
    },
  }),
  apiRoute({
    method: 'put',
    path: '/api/platform/alliances/{id}',
    summary: 'Save an alliance (医联体): its name and kind; members name it on their institution',
    access: PLATFORM,
    params: keyParams('id', 'the alliance id'),
    body: allianceSchema,
    answer: allianceSchema,
    answerDescription: 'the alliance saved',
    handle: savedUnderKey(
      'id',
      (alliance) => alliance.id,
      (services, alliance) => saveAlliance(services.db, alliance),
    ),
  }),
];

import { z } from 'zod';
import { hospitalOf } from '../auth/api-token';
import { apiRoute } from '../api/route';
import {
  quarantinePageSchema,
  replayReportSchema,
  resultSourceSchema,
  sourceActivitySchema,
  sourceRegistrationSchema,
  sourceStatusesSchema,
} from '../contract/sources';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import {
  findQuarantined,
  findSource,
  listQuarantine,
  listSources,
  markReplayed,
  saveSource,
  sourceStatuses,
  type Quarantined,
} from '../store/result-sources';
import { daysBefore } from '../../rules';
import { receiveCda } from './cda/receive';
import { replayRows } from './front-table/replay';
import { receiveHl7 } from './hl7v2/receive';
import { sourceActivity } from './source-activity';

/** Runs a quarantined message through the ingest again (after its mapping was fixed); answered with what became of it. */
async function replay(services: Services, entry: Quarantined) {
  const source = await findSource(services.db, entry.sourceId);
  if (!source) throw new HttpError(404, 'not-found', `no source ${entry.sourceId}`);
  await markReplayed(services.db, entry.id, services.clock());
  if (entry.format === 'front-table') {
    const refused = await replayRows(services, source, entry.raw);
    return { id: entry.id, outcome: refused ? ('quarantined' as const) : ('stored' as const), reason: refused };
  }
  if (entry.format === 'cda') {
    const answer = await receiveCda(services, source, { replay: entry.raw });
    return {
      id: entry.id,
      outcome: answer.outcome === 'quarantined' ? ('quarantined' as const) : ('stored' as const),
      reason: answer.reason,
    };
  }
  const ack = await receiveHl7(services, source, { replay: entry.raw });
  return {
    id: entry.id,
    outcome: ack.code === 'AA' ? ('stored' as const) : ('quarantined' as const),
    reason: ack.reason,
  };
}

const limitQuery = z.object({
  sourceId: z.string().min(1).max(64).optional().meta({ description: 'one source only' }),
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: 'up to 500' }),
});

/** The result sources (LIS, PACS, platforms) and their quarantine: the platform registers, hospitals see their own. */
export const sourcesApi = [
  apiRoute({
    method: 'post',
    path: '/api/platform/sources',
    summary:
      'Register a result source (a LIS, PACS or platform): its format, institutions, charset and peers; answered with its bearer token, once',
    access: ['platform'],
    body: resultSourceSchema,
    answer: sourceRegistrationSchema,
    status: 201,
    answerDescription: 'the source and its token',
    handle: async ({ body, services }) => {
      const reference = await services.reference.current();
      const unknown = body.institutions.find((institution) => !reference.institutions.has(institution));
      if (unknown) throw new HttpError(400, 'invalid', `institution ${unknown} is not registered`, 'institutions');
      return { id: body.id, token: await saveSource(services.db, body, services.clock()) };
    },
  }),
  apiRoute({
    method: 'get',
    path: '/api/platform/sources',
    summary:
      'Every result source with when it last sent, how many messages in the past 24 hours and how many wait in quarantine',
    access: ['platform'],
    answer: sourceStatusesSchema,
    answerDescription: 'the sources',
    handle: ({ services }) => sourceStatuses(services.reader, daysBefore(services.clock(), 1).toISOString()),
  }),
  apiRoute({
    method: 'get',
    path: '/api/platform/sources/{id}/activity',
    summary:
      "One source's recent local days: messages filed and quarantined per day (zeros included), and the most frequent refusal reasons",
    access: ['platform'],
    params: z.object({ id: z.string().min(1).max(64).meta({ description: 'the source id' }) }),
    query: z.object({
      days: z.coerce
        .number()
        .int()
        .min(1)
        .max(90)
        .default(14)
        .meta({ description: 'local days, today included; up to 90' }),
    }),
    answer: sourceActivitySchema,
    answerDescription: 'the days and reasons',
    errors: [404],
    handle: async ({ params, query, services }) => {
      const activity = await sourceActivity(services, params.id, query.days);
      if (!activity) throw new HttpError(404, 'not-found', `no source ${params.id}`);
      return activity;
    },
  }),
  apiRoute({
    method: 'get',
    path: '/api/platform/quarantine',
    summary: 'Messages that could not be read or mapped, raw, with the reason, newest first',
    access: ['platform'],
    query: limitQuery,
    answer: quarantinePageSchema,
    answerDescription: 'the waiting messages',
    handle: ({ query, services }) =>
      listQuarantine(services.reader, {
        ...(query.sourceId ? { sourceIds: [query.sourceId] } : {}),
        limit: query.limit,
      }),
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/quarantine/replay',
    summary: 'Replay every waiting message (of one source, or all) after a mapping was fixed',
    access: ['platform'],
    query: limitQuery,
    answer: replayReportSchema,
    answerDescription: 'what became of each',
    handle: async ({ query, services }) => {
      const waiting = await listQuarantine(services.db, {
        ...(query.sourceId ? { sourceIds: [query.sourceId] } : {}),
        limit: query.limit,
      });
      const replayed = [];
      for (const entry of waiting.reverse()) replayed.push(await replay(services, entry));
      return { replayed };
    },
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/quarantine/{id}/replay',
    summary: 'Replay one quarantined message',
    access: ['platform'],
    params: z.object({ id: z.coerce.number().int().min(1).meta({ description: 'the quarantined message' }) }),
    answer: replayReportSchema,
    answerDescription: 'what became of it',
    errors: [404],
    handle: async ({ params, services }) => {
      const entry = await findQuarantined(services.db, params.id);
      if (!entry || entry.replayedAt) throw new HttpError(404, 'not-found', `no waiting message ${params.id}`);
      return { replayed: [await replay(services, entry)] };
    },
  }),
  apiRoute({
    method: 'get',
    path: '/api/admin/sources',
    summary:
      'The result sources that file reports for the hospital: when each last sent, how many messages in the past 24 hours, how many wait in quarantine',
    access: ['admin'],
    answer: sourceStatusesSchema,
    answerDescription: 'the sources',
    handle: async ({ principal, services }) => {
      const hospitalId = hospitalOf(principal);
      const all = await sourceStatuses(services.reader, daysBefore(services.clock(), 1).toISOString());
      return all.filter((source) => source.institutions.includes(hospitalId));
    },
  }),
  apiRoute({
    method: 'get',
    path: '/api/admin/quarantine',
    summary:
      "Messages from the hospital's own sources that could not be read or mapped (fix the mapping, then ask the platform to replay)",
    access: ['admin'],
    query: limitQuery,
    answer: quarantinePageSchema,
    answerDescription: 'the waiting messages',
    handle: async ({ query, principal, services }) => {
      const hospitalId = hospitalOf(principal);
      const own = (await listSources(services.reader))
        .filter((source) => source.institutions.includes(hospitalId))
        .map((source) => source.id)
        .filter((id) => !query.sourceId || id === query.sourceId);
      return listQuarantine(services.reader, { sourceIds: own, limit: query.limit });
    },
  }),
];

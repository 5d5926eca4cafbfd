import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potassiumOru } from '../../fixtures/hl7v2/samples';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { localDate } from '../../rules';
import { registerJialingLis } from '../support/incoming-results';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 19 point 5: "A console page per source: last received, counts per day, refusals and the
 * quarantine." Messages are sent over HTTP at chosen instants around a local midnight (Asia/Shanghai,
 * UTC+8), so the days are the operator's days, not UTC's.
 */

let server: TestServer;
let now = TEST_NOW;
let token: string;

beforeAll(async () => {
  server = await startServer({ clock: () => now });
  const registered = await registerJialingLis(server, 'LIS-DAYS', '嘉陵江中心医院 检验科 LIS');
  expect(registered.status).toBe(201);
  token = registered.body.token;
});
afterAll(() => server.close());

async function sendAt(instant: string, controlId: string, broken = false) {
  now = new Date(instant);
  const message = potassiumOru({
    nationalId: syntheticNationalId('1980-04-04', Number(controlId.replace(/\D/g, ''))),
    name: '测试',
    today: localDate(now, 'Asia/Shanghai'),
    controlId,
  });
  const response = await fetch(`${server.url}/ingest/hl7v2`, {
    method: 'POST',
    headers: { 'content-type': 'x-application/hl7-v2+er7', authorization: `Bearer ${token}` },
    body: new Uint8Array(iconv.encode(broken ? message.replace(/PID\|[^\r]*\r/, '') : message, 'gb18030')),
  });
  return response.status;
}

const activity = (days: number) =>
  getJson(`${server.url}/api/platform/sources/LIS-DAYS/activity?days=${days}`, {
    authorization: `Bearer ${server.platformToken}`,
  });

describe('a source day by day', () => {
  it('counts filed and quarantined messages per local day, zeros included, with the refusal reasons', async () => {
    // 23:59 and 00:30 local time fall on two local days although both are 2026-03-08 in UTC.
    expect(await sendAt('2026-03-08T15:59:00Z', 'D801')).toBe(200);
    expect(await sendAt('2026-03-08T16:30:00Z', 'D802')).toBe(200);
    expect(await sendAt('2026-03-10T01:00:00Z', 'D803')).toBe(200);
    expect(await sendAt('2026-03-10T01:10:00Z', 'D804', true)).toBe(422);
    expect(await sendAt('2026-03-10T01:20:00Z', 'D805', true)).toBe(422);
    now = TEST_NOW;

    const answer = await activity(5);
    expect(answer.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/platform/sources/{id}/activity', 'get', 200, answer.body);
    expect(answer.body.timeZone).toBe('Asia/Shanghai');
    expect(answer.body.days).toEqual([
      { day: '2026-03-06', stored: 0, quarantined: 0 },
      { day: '2026-03-07', stored: 0, quarantined: 0 },
      { day: '2026-03-08', stored: 1, quarantined: 0 },
      { day: '2026-03-09', stored: 1, quarantined: 0 },
      { day: '2026-03-10', stored: 1, quarantined: 2 },
    ]);
    expect(answer.body.source).toMatchObject({ id: 'LIS-DAYS', quarantined: 2, receivedPastDay: 3 });
    expect(answer.body.reasons).toHaveLength(1);
    expect(answer.body.reasons[0]).toMatchObject({ count: 2, lastAt: '2026-03-10T01:20:00.000Z' });
    expect(answer.body.reasons[0].reason).toMatch(/PID/);

    // Only the days asked for: the 03-08 message is outside a two-day view.
    const recent = await activity(2);
    expect(recent.body.days.map((day: { day: string }) => day.day)).toEqual(['2026-03-09', '2026-03-10']);
  });

  it('answers 404 for a source nobody registered, and refuses a hospital token', async () => {
    expect(
      (
        await getJson(`${server.url}/api/platform/sources/NOPE/activity`, {
          authorization: `Bearer ${server.platformToken}`,
        })
      ).status,
    ).toBe(404);
    const admin = await server.token('admin', HOSPITALS.jialing);
    expect(
      (
        await getJson(`${server.url}/api/platform/sources/LIS-DAYS/activity`, {
          authorization: `Bearer ${admin}`,
        })
      ).status,
    ).toBe(403);
    expect((await activity(91)).status).toBe(400);
  });
});

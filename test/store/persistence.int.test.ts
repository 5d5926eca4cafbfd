import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { isUniqueViolation } from '../../server/store/database';
import { decisionHistory, findDecision, recordDecision, type Decision } from '../../server/store/decisions';
import { loadReferenceData } from '../../server/store/reference';
import { ReplayGuard } from '../../server/auth/replay-guard';
import { upsertResult, upsertResults } from '../../server/store/results';
import { incomingResult } from '../support/incoming-results';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const expectedStore = process.env.HUREN_TEST_STORE === 'postgres' ? 'pg' : 'sqlite';

describe(`persistence on ${expectedStore}`, () => {
  it('runs on the store this project is meant for', async () => {
    expect(server.config.store.client).toBe(expectedStore);
    const version = await server.services.db.raw(
      expectedStore === 'pg' ? 'select version() as v' : 'select sqlite_version() as v',
    );
    expect(JSON.stringify(version)).toMatch(expectedStore === 'pg' ? /PostgreSQL 1[5-9]/ : /3\.\d+/);
  });

  it('has applied every migration, and applying again changes nothing', async () => {
    const [completed] = await server.services.db.migrate.list();
    expect(completed.length).toBeGreaterThanOrEqual(3);
    await server.services.db.migrate.latest();
    const [again, pending] = await server.services.db.migrate.list();
    expect(again.length).toBe(completed.length);
    expect(pending).toEqual([]);
  });

  it('reads the registry back with booleans, numbers and JSON as written', async () => {
    const reference = await loadReferenceData(server.services.db);
    expect(reference.catalog.get('LAB-CRE')).toMatchObject({
      annotation: 'method',
      window: { amount: 30, unit: 'days' },
      active: true,
    });
    expect(reference.catalog.get('LAB-CBC')?.contains).toEqual(['LAB-WBC', 'LAB-RBC', 'LAB-HGB', 'LAB-PLT', 'LAB-HCT']);
    expect(reference.catalog.get('CT-HEAD')?.window).toEqual({ amount: 3, unit: 'months' });
    expect(reference.institutions.get(HOSPITALS.shancheng)).toMatchObject({
      level: 3,
      alliances: ['A-CHEST', 'A-YUZHONG'],
    });
    expect(reference.ruleInstitutions.get(HOSPITALS.shancheng)?.closeAlliances).toEqual(['A-YUZHONG']);
    expect(reference.regions.get('BJ')?.marks.imaging).toEqual([
      { text: '-JJJLHR', forms: ['tag', 'institution-name-suffix'] },
    ]);
    const withdrawn = reference.qualificationsByInstitution.get(HOSPITALS.jialing)?.find((q) => q.withdrawnOn !== null);
    expect(withdrawn).toMatchObject({ passed: true, scope: { kind: 'discipline', discipline: 'immunology' } });
  });

  it('tells a unique-constraint conflict from any other error', async () => {
    await server.services.db('alliances').insert({ id: 'A-DUP', name: 'x' });
    const conflict = await server.services
      .db('alliances')
      .insert({ id: 'A-DUP', name: 'y' })
      .catch((error: unknown) => error);
    expect(isUniqueViolation(conflict)).toBe(true);
    const other = await server.services.db.raw('select * from no_such_table').catch((error: unknown) => error);
    expect(isUniqueViolation(other)).toBe(false);
  });

  it('sees a token id once, per issuer, and still knows it after a restart (or on another instance)', async () => {
    const shared = expectedStore === 'pg';
    const expires = new Date(TEST_NOW.getTime() + 60_000);
    const guard = new ReplayGuard(server.services.db, shared, () => TEST_NOW);
    expect(await guard.firstSighting('iss', 'jti-1', expires)).toBe(true);
    expect(await guard.firstSighting('iss', 'jti-1', expires)).toBe(false);
    expect(await guard.firstSighting('other-iss', 'jti-1', expires)).toBe(true);
    await guard.flush();

    // A new process on the same store (SQLite: after a restart; PostgreSQL: another instance, too).
    const next = new ReplayGuard(server.services.db, shared, () => TEST_NOW);
    await next.load();
    expect(await next.firstSighting('iss', 'jti-1', expires)).toBe(false);
    if (shared)
      expect(
        await new ReplayGuard(server.services.db, true, () => TEST_NOW).firstSighting('other-iss', 'jti-1', expires),
      ).toBe(false);

    // Expired ids are forgotten.
    const later = new ReplayGuard(server.services.db, shared, () => new Date(TEST_NOW.getTime() + 3_600_000));
    expect(await later.forgetExpired()).toBeGreaterThanOrEqual(2);
  });

  it('upserts one report twice at once without an error: one row, two versions', async () => {
    const incoming = incomingResult({ patientKey: 'k'.repeat(64), reportKey: 'sys|race-1' });
    const outcomes = await Promise.all(
      [0, 1].map(() => server.services.db.transaction((trx) => upsertResult(trx, incoming, TEST_NOW))),
    );
    expect(outcomes.map((o) => o.version).sort()).toEqual([1, 2]);
    expect(await server.services.db('results').where('report_key', 'sys|race-1')).toHaveLength(1);
  });

  it('upserts a Bundle of reports in bulk: a report twice in one call is one row in its second version, and racing calls do not fail', async () => {
    const base = incomingResult({
      patientKey: 'b'.repeat(64),
      itemCode: 'LAB-NA',
      reportKey: 'sys|bulk-0',
      report: { kind: 'lab', title: '钠', values: [] },
    });
    const many = Array.from({ length: 250 }, (_, index) => ({ ...base, reportKey: `sys|bulk-${index}` }));
    const outcomes = await server.services.db.transaction((trx) =>
      upsertResults(trx, [...many, { ...base, status: 'amended' }], TEST_NOW),
    );
    expect(outcomes).toHaveLength(251);
    expect(outcomes[250]).toMatchObject({ id: outcomes[0]?.id, created: false, version: 2 });
    expect(await server.services.db('results').where('report_key', 'sys|bulk-0').first()).toMatchObject({
      status: 'amended',
      version: 2,
    });

    const fresh = Array.from({ length: 120 }, (_, index) => ({ ...base, reportKey: `sys|race-bulk-${index}` }));
    const racing = await Promise.all(
      [0, 1].map(() => server.services.db.transaction((trx) => upsertResults(trx, fresh, TEST_NOW))),
    );
    expect(
      racing
        .flat()
        .map((o) => o.version)
        .sort(),
    ).toEqual([...Array(120).fill(1), ...Array(120).fill(2)]);
    expect(await server.services.db('results').where('report_key', 'like', 'sys|race-bulk-%')).toHaveLength(120);
  });

  it('records concurrent decisions on one card one after the other, keeping every version', async () => {
    const { body } = await postJson(
      `${server.url}/cds-services/recognition-order-select`,
      orderRequest('order-select', 'wang-fang', ['CT-HEAD']),
    );
    const promptId = body.cards[0].uuid;
    const decision = (code: string): Decision => ({
      promptId,
      hospitalId: HOSPITALS.shancheng,
      outcome: 'overridden',
      resultId: null,
      reason: { system: 's', code, display: null },
      explanation: null,
      notification: null,
      practitionerRef: null,
      practitionerName: null,
      source: 'cds-feedback',
      complete: false,
      decidedAt: TEST_NOW.toISOString(),
      writeBack: null,
    });
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((code) =>
        server.services.db.transaction((trx) => recordDecision(trx, decision(code), TEST_NOW, 'Asia/Shanghai')),
      ),
    );
    const history = await decisionHistory(server.services.db, promptId);
    expect(history.map((version) => version.version)).toEqual([1, 2, 3, 4]);
    expect((await findDecision(server.services.db, promptId))?.version).toBe(4);
  });
});

import { join } from 'node:path';
import knex, { type Knex } from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { NATIONAL_ID_SYSTEM, organizationResource } from '../../fixtures/patients/bundles';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { SYSTEMS } from '../../server/fhir/systems';
import { createApiToken } from '../../server/store/api-tokens';
import { tempDir } from '../support/config';
import { gate } from '../support/gate';
import { orderRequest } from '../support/hook-requests';
import { freshPostgresDatabase, getJson, postJson } from '../support/server';
import { launch, type Running } from '../support/server-process';

const postgres = process.env.HUREN_TEST_STORE === 'postgres';

const PATIENTS = ['zhang-wei', 'wang-fang', 'sun-li', 'ma-chao', 'lin-tao', 'he-jing'] as const;
const ITEMS: Record<(typeof PATIENTS)[number], string> = {
  'zhang-wei': 'LAB-K',
  'wang-fang': 'CT-HEAD',
  'sun-li': 'US-THYROID',
  'ma-chao': 'MR-KNEE',
  'lin-tao': 'US-LGPS',
  'he-jing': 'CT-CHEST',
};

function ingestBundle(batch: number): { bundle: unknown; reportKeys: string[] } {
  const nationalId = syntheticNationalId('1985-05-05', batch % 1000);
  const patient = {
    resourceType: 'Patient',
    id: `k${batch}`,
    identifier: [{ system: NATIONAL_ID_SYSTEM, value: nationalId }],
  };
  const reports = [0, 1, 2, 3, 4].map((index) => ({
    resourceType: 'DiagnosticReport',
    id: `kill-${batch}-${index}`,
    identifier: [{ system: 'https://his.example/kill', value: `kill-${batch}-${index}` }],
    status: 'final',
    code: { coding: [{ system: SYSTEMS.recognitionItem, code: 'LAB-K' }] },
    subject: { reference: `Patient/k${batch}` },
    effectiveDateTime: '2026-01-05',
    performer: [{ reference: `Organization/${HOSPITALS.jialing}` }],
  }));
  return {
    bundle: {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [patient, organizationResource(HOSPITALS.jialing), ...reports].map((resource) => ({ resource })),
    },
    reportKeys: reports.map((report) => `https://his.example/kill|${report.id}`),
  };
}

let first: Running | undefined;
let second: Running | undefined;
let db: Knex | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

afterAll(async () => {
  for (const running of [first, second])
    if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  await db?.destroy();
  await dropDatabase?.();
});

describe('the process killed (SIGKILL) while many clients record decisions and ingest results', () => {
  it('keeps every request that got a 2xx, and nothing half-written', async () => {
    const store: Record<string, string> = postgres
      ? await freshPostgresDatabase().then((database) => {
          dropDatabase = database.drop;
          return { DATABASE_URL: database.url };
        })
      : { SQLITE_FILE: join(tempDir(), 'killed.sqlite') };
    first = await launch(store, 'demo data loaded');
    const connect = () =>
      knex(
        postgres
          ? { client: 'pg', connection: store.DATABASE_URL }
          : { client: 'sqlite3', connection: { filename: store.SQLITE_FILE as string }, useNullAsDefault: true },
      );
    const setup = connect();
    const { token: platformToken } = await createApiToken(
      setup,
      { name: 'sigkill ingest', role: 'platform', hospitalId: null },
      new Date(),
    );
    await setup.destroy();

    // Cards to decide on, with what the SMART app would know about each.
    const cards: { promptId: string; token: string; resultId: string }[] = [];
    for (let i = 0; i < 90; i += 1) {
      const patient = PATIENTS[i % PATIENTS.length] as (typeof PATIENTS)[number];
      const { body } = await postJson(
        `${first.url}/cds-services/recognition-order-select`,
        orderRequest('order-select', patient, [ITEMS[patient]]),
      );
      const appContext = JSON.parse(body.cards[0].links[0].appContext);
      const view = await getJson(`${first.url}/api/prompts/${appContext.promptId}`, {
        authorization: `Bearer ${appContext.token}`,
      });
      cards.push({ ...appContext, resultId: view.body.recognisable[0].resultId });
    }

    const acknowledgedDecisions: { promptId: string; version: number; outcome: string }[] = [];
    const acknowledgedIngests: string[][] = [];
    const allIngests: string[][] = [];
    let stop = false;
    // The kill comes after a number of acknowledged writes of each kind, however fast the machine is:
    // an order of events, not a count of what fits in a span of time.
    const ENOUGH = { decisions: 20, ingests: 5 };
    const enoughAcknowledged = gate();
    const acknowledged = () => {
      if (acknowledgedDecisions.length > ENOUGH.decisions && acknowledgedIngests.length > ENOUGH.ingests)
        enoughAcknowledged.open();
    };
    const notification = { party: 'patient', method: 'verbal', notifiedAt: '2026-03-10T02:00:00Z', notifiedBy: '医生' };
    const decider = async (worker: number) => {
      for (let n = 0; !stop; n += 1) {
        const card = cards[(worker * 7 + n) % cards.length] as (typeof cards)[number];
        const body =
          n % 3 === 0
            ? {
                outcome: 'accepted',
                resultId: card.resultId,
                practitioner: { ref: `Practitioner/w${worker}`, name: null },
              }
            : {
                outcome: 'overridden',
                reason: 'other',
                explanation: `worker ${worker} round ${n}`,
                notification,
                practitioner: { ref: `Practitioner/w${worker}`, name: null },
              };
        try {
          const response = await postJson(`${first?.url}/api/prompts/${card.promptId}/decision`, body, {
            authorization: `Bearer ${card.token}`,
          });
          if (response.status === 200)
            acknowledgedDecisions.push({
              promptId: card.promptId,
              version: response.body.decision.version,
              outcome: response.body.decision.outcome,
            });
          acknowledged();
        } catch {
          return;
        }
      }
    };
    let batch = 0;
    const ingester = async () => {
      while (!stop) {
        const { bundle, reportKeys } = ingestBundle((batch += 1));
        allIngests.push(reportKeys);
        try {
          const response = await postJson(`${first?.url}/fhir`, bundle, { authorization: `Bearer ${platformToken}` });
          if (response.status === 200) acknowledgedIngests.push(reportKeys);
          acknowledged();
        } catch {
          return;
        }
      }
    };
    const workers = [
      ...Array.from({ length: 12 }, (_, i) => decider(i)),
      ...Array.from({ length: 4 }, () => ingester()),
    ];
    // Workers end early only if the server went away by itself: then the counts below say so.
    await Promise.race([enoughAcknowledged.opened, Promise.all(workers)]);
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    const killed = first.child;
    await new Promise<void>((resolve) =>
      killed.exitCode !== null || killed.signalCode !== null ? resolve() : killed.once('exit', () => resolve()),
    );
    expect(killed.signalCode).toBe('SIGKILL');
    // The gate opened (the server did not die by itself first): the kill came after enough of each.
    expect(acknowledgedDecisions.length).toBeGreaterThan(ENOUGH.decisions);
    expect(acknowledgedIngests.length).toBeGreaterThan(ENOUGH.ingests);

    // Restart on the same store: it must come back and serve.
    second = await launch(store, 'Huren listening');
    expect((await fetch(`${second.url}/health/ready`)).status).toBe(200);

    db = connect();
    const history = await db('decision_history').select('prompt_id', 'version', 'snapshot');
    const versions = new Map(
      history.map((row: { prompt_id: string; version: number; snapshot: string }) => [
        `${row.prompt_id}#${Number(row.version)}`,
        JSON.parse(row.snapshot).outcome,
      ]),
    );
    for (const ack of acknowledgedDecisions)
      expect(versions.get(`${ack.promptId}#${ack.version}`), `decision ${ack.promptId} v${ack.version}`).toBe(
        ack.outcome,
      );

    // No half-written decision: each current decision has its version in the history, and histories have no gaps.
    for (const decision of await db('decisions').select('prompt_id', 'version', 'outcome')) {
      expect(versions.get(`${decision.prompt_id}#${Number(decision.version)}`)).toBe(decision.outcome);
      for (let v = 1; v <= Number(decision.version); v += 1)
        expect(versions.has(`${decision.prompt_id}#${v}`)).toBe(true);
    }

    const stored = new Set(
      await db('results').where('report_key', 'like', 'https://his.example/kill|%').pluck('report_key'),
    );
    for (const keys of acknowledgedIngests) for (const key of keys) expect(stored.has(key), key).toBe(true);
    // Transactions are all or nothing, acknowledged or not.
    for (const keys of allIngests) expect(keys.filter((key) => stored.has(key)).length % keys.length).toBe(0);
  }, 180_000);
});

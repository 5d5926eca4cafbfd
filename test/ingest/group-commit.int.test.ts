import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/ingest/group-commit';
import type { IncomingResult } from '../../server/store/results';
import { incomingResult, registerJialingLis } from '../support/incoming-results';
import { startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 19 point 8: messages from the sources are committed in groups. What must hold whatever the
 * grouping: each is answered only once it is stored, a repeat is stored once, and one the store
 * refuses does not sink the messages committed beside it. Real store, both stores.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  expect((await registerJialingLis(server, 'LIS-GROUP', '嘉陵江 检验科 LIS（分组提交）')).status).toBe(201);
});
afterAll(async () => {
  await server.close();
});

const result = (reportKey: string, itemCode = 'LAB-K'): IncomingResult =>
  incomingResult({ patientKey: 'g'.repeat(64), reportKey, itemCode });

const received = (controlId: string) =>
  server.services.db('received_messages').where({ source_id: 'LIS-GROUP', control_id: controlId });
const stored = (reportKey: string) => server.services.db('results').where('report_key', reportKey);

describe('group commit of received messages', () => {
  it('files messages sent at once, each answered after it is stored, a repeat stored once', async () => {
    const commit = new GroupCommit(server.services.db, () => TEST_NOW);
    const ids = Array.from({ length: 30 }, (_, index) => `G-${index}`);
    const answers = await Promise.all([
      ...ids.map((controlId) =>
        commit.file({ sourceId: 'LIS-GROUP', controlId, results: [result(`grp|${controlId}`)] }),
      ),
      commit.file({ sourceId: 'LIS-GROUP', controlId: 'G-0', results: [result('grp|G-0')] }),
    ]);
    expect(answers).toEqual([...ids.map(() => 'stored'), 'duplicate']);
    for (const controlId of ids) {
      expect(await received(controlId)).toMatchObject([{ outcome: 'stored' }]);
      expect(await stored(`grp|${controlId}`)).toMatchObject([{ version: 1 }]);
    }
    // Sent again later, in a group of its own: still answered as stored before, and not stored again.
    expect(await commit.file({ sourceId: 'LIS-GROUP', controlId: 'G-5', results: [result('grp|G-5')] })).toBe(
      'duplicate',
    );
    expect(await stored('grp|G-5')).toMatchObject([{ version: 1 }]);
  });

  it('refuses only the message the store refuses; the others of its group are stored', async () => {
    const commit = new GroupCommit(server.services.db, () => TEST_NOW);
    const good = ['B-1', 'B-2', 'B-3'];
    const settled = await Promise.allSettled([
      ...good.map((controlId) =>
        commit.file({ sourceId: 'LIS-GROUP', controlId, results: [result(`grp|${controlId}`)] }),
      ),
      // An item code no catalog has: the results table's foreign key refuses the whole transaction.
      commit.file({ sourceId: 'LIS-GROUP', controlId: 'B-BAD', results: [result('grp|B-BAD', 'NO-SUCH-ITEM')] }),
    ]);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    for (const controlId of good) expect(await stored(`grp|${controlId}`)).toHaveLength(1);
    expect(await stored('grp|B-BAD')).toHaveLength(0);
    expect(await received('B-BAD')).toHaveLength(0);
  });
});

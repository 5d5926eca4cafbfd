import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potassiumOru } from '../../fixtures/hl7v2/samples';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { localDate } from '../../rules';
import { cardsForPerson, registerJialingLis } from '../support/incoming-results';
import { startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 19 point 2: PID-3 read per source. Many LIS type their identifiers in their own codes; the
 * platform registers what each code of a source stands for.
 */

let server: TestServer;
const today = localDate(TEST_NOW, 'Asia/Shanghai');
let sequence = 700;
const newPerson = () => {
  sequence += 1;
  return { nationalId: syntheticNationalId('1981-08-08', sequence), name: `类型${sequence}` };
};

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('PID-3 identifier types per source', () => {
  it("reads PID-3 through the source's own identifier types: its `01` is 身份证, its `ID` its own patient number", async () => {
    const registered = await registerJialingLis(server, 'LIS-OWN-TYPES', '嘉陵江中心医院 旧版 LIS', {
      identifierTypes: { '01': 'resident-id', ID: 'none' },
    });
    expect(registered.status).toBe(201);
    const send = async (message: string) => {
      const response = await fetch(`${server.url}/ingest/hl7v2`, {
        method: 'POST',
        headers: { authorization: `Bearer ${registered.body.token}` },
        body: new Uint8Array(iconv.encode(message, 'gb18030')),
      });
      return (await response.text()).split('\r');
    };
    const person = newPerson();
    // The LIS's own number comes first, typed ID; the 身份证 follows, typed 01 (WS 364 身份证件类别代码).
    const ownTypes = potassiumOru({ ...person, today, controlId: 'OWN-TYPES-1' }).replace(
      /PID\|1\|\|[^|]*\|/,
      `PID|1||0012345^^^JLJ^ID~${person.nationalId}^^^^01|`,
    );
    expect((await send(ownTypes)).find((segment) => segment.startsWith('MSA'))).toMatch(/^MSA\|AA/);
    expect(await cardsForPerson(server, person.nationalId, 'LAB-K')).toHaveLength(1);
    // The LIS's own number alone is no one Huren can key: named in ERR, quarantined.
    const onlyOwn = potassiumOru({ ...newPerson(), today, controlId: 'OWN-TYPES-2' }).replace(
      /PID\|1\|\|[^|]*\|/,
      'PID|1||0012345^^^JLJ^ID|',
    );
    const refused = await send(onlyOwn);
    expect(refused.find((segment) => segment.startsWith('MSA'))).toMatch(/^MSA\|AE/);
    expect(refused.find((segment) => segment.startsWith('ERR'))).toContain('identifierTypes');
  });
});

import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { orderRequest } from '../support/hook-requests';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

let server: TestServer;
const platform = () => ({ authorization: `Bearer ${server.platformToken}` });
const send = async (method: string, path: string, body: unknown, contentType = 'application/json') => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': contentType, ...platform() },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
};

beforeAll(async () => {
  server = await startServer({ env: { CDS_AUTH: 'on' } });
});
afterAll(async () => {
  await server.close();
});

describe("the platform operator's registry", () => {
  it('imports institutions from CSV, refusing bad rows with their number, field and reason', async () => {
    const csv =
      'id,name,level,grade,region,alliances,localCodeSystems\nH-CQ-101,沙坪坝区人民医院,2,甲,CQ,A-YUZHONG,\nH-XX-1,无名医院,2,,XX,,\nH-CQ-102,歌乐山社区卫生服务中心,4,,CQ,,\n';
    // A preview checks every row, the references too, and saves nothing (issue 21 point 1).
    const preview = await send('POST', '/api/platform/import/institutions?preview=true', csv, 'text/csv');
    expect(preview.body).toMatchObject({ kind: 'institutions', preview: true, saved: 1 });
    expect(preview.body.refused.map((refusal: any) => [refusal.row, refusal.field])).toEqual([
      [2, 'region'],
      [3, 'level'],
    ]);
    expect(await server.services.db('institutions').where('id', 'H-CQ-101')).toEqual([]);
    const { status, body } = await send('POST', '/api/platform/import/institutions', csv, 'text/csv');
    expect(status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/platform/import/{kind}', 'post', 200, body);
    expect(body).toEqual({
      kind: 'institutions',
      preview: false,
      saved: 1,
      refused: [
        // In Chinese by default (issue 21 point 1), the schema's own checks too.
        { row: 2, field: 'region', message: '地区 XX 未登记' },
        { row: 3, field: 'level', message: expect.stringMatching(/[\u4e00-\u9fff]/) },
      ],
    });
    // In English on request.
    const english = await fetch(`${server.url}/api/platform/import/institutions?preview=true`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'accept-language': 'en', ...platform() },
      body: csv,
    });
    expect(((await english.json()) as { refused: { message: string }[] }).refused[0]?.message).toBe(
      'unknown region XX',
    );
    const institutions = (await getJson(`${server.url}/api/platform/institutions`, platform())).body;
    expect(institutions.find((i: any) => i.id === 'H-CQ-101')).toMatchObject({ level: 2, alliances: ['A-YUZHONG'] });
    // Several local code systems in one cell, separated by semicolons as alliances are (issue 23 point 15).
    const systems =
      'id,name,level,grade,region,alliances,localCodeSystems\nH-CQ-103,大渡口区人民医院,2,甲,CQ,,https://lis.ddk.example/item; https://ris.ddk.example/exam\n';
    expect((await send('POST', '/api/platform/import/institutions', systems, 'text/csv')).body.saved).toBe(1);
    expect(
      (await getJson(`${server.url}/api/platform/institutions`, platform())).body.find((i: any) => i.id === 'H-CQ-103')
        .localCodeSystems,
    ).toEqual(['https://lis.ddk.example/item', 'https://ris.ddk.example/exam']);
  });

  it("holds a CSV row to the JSON form's limits, and names the refused row by its line in the file and the field by its column", async () => {
    const long = '院'.repeat(201);
    // A blank line still counts: row 3 is the third line under the header.
    const institutions = `id,name,level,grade,region,alliances,localCodeSystems\nH-CQ-111,长寿区人民医院,2,甲,CQ,,\n\nH-CQ-112,${long},2,,CQ,,\nH-CQ-113,江津区中心医院,二级,,CQ,,\n`;
    const imported = await send('POST', '/api/platform/import/institutions', institutions, 'text/csv');
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({
      kind: 'institutions',
      preview: false,
      saved: 1,
      refused: [
        { row: 3, field: 'name', message: expect.stringMatching(/200/) },
        { row: 4, field: 'level', message: expect.any(String) },
      ],
    });
    // The same limit as the JSON form.
    expect(
      (
        await send('POST', '/api/platform/import/institutions', [
          { id: 'H-CQ-112', name: long, level: 2, grade: null, region: 'CQ', alliances: [], localCodeSystems: [] },
        ])
      ).body.refused,
    ).toEqual([{ row: 1, field: 'name', message: expect.stringMatching(/200/) }]);
    const saved = (await getJson(`${server.url}/api/platform/institutions`, platform())).body.map(
      (institution: any) => institution.id,
    );
    expect(saved).toContain('H-CQ-111');
    expect(saved).not.toContain('H-CQ-112');

    // Columns that are not JSON fields: the refusal names the column the file has.
    const catalog =
      'code,nameZh,nameEn,kind,discipline,windowAmount,windowUnit,priceFen\nLAB-X1,某项,Some test,lab,chemistry,三十,days,100\n';
    expect((await send('POST', '/api/platform/import/catalog', catalog, 'text/csv')).body.refused).toEqual([
      { row: 1, field: 'windowAmount', message: expect.any(String) },
    ]);
    const qualifications = `institutionId,scopeKind,scopeCode,kind,passed,validFrom,validUntil,withdrawnOn\n${HOSPITALS.nanan},item,LAB-NOPE,eqa,true,2026-01-01,2026-12-31,\n`;
    expect(
      (await send('POST', '/api/platform/import/qualifications', qualifications, 'text/csv')).body.refused,
    ).toEqual([{ row: 1, field: 'scopeCode', message: '互认目录中没有项目 LAB-NOPE' }]);
    const clients = `issuer,hospitalId,jwks,jkuAllowlist\nhttps://ehr.bad.example,${HOSPITALS.nanan},"{""keys"": [",\n`;
    expect((await send('POST', '/api/platform/import/clients', clients, 'text/csv')).body.refused).toEqual([
      { row: 1, field: 'jwks', message: 'not JSON' },
    ]);
  });

  it('says before a change is saved how many stored results it makes pass the qualification check or not (issue 21 point 2)', async () => {
    const held = (
      await getJson(`${server.url}/api/platform/qualifications?institutionId=${HOSPITALS.yuzhong}`, platform())
    ).body;
    const potassium = held.find((q: any) => q.scope.kind === 'item' && q.scope.itemCode === 'LAB-K');
    const dryRun = (change: unknown) => send('POST', '/api/platform/qualifications/dry-run', change);
    // Withdrawn from before 张伟's potassium (2026-03-08): it no longer passes. From after it: it keeps its recognition.
    const early = await dryRun({ withdraw: { id: potassium.id, withdrawnOn: '2026-03-01' } });
    expect(early.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/platform/qualifications/dry-run', 'post', 200, early.body);
    expect(early.body).toMatchObject({ institutionId: HOSPITALS.yuzhong, gained: 0 });
    expect(early.body.lost).toBeGreaterThan(0);
    expect(early.body.byItem.map((item: any) => item.itemCode)).toEqual(['LAB-K']);
    const late = await dryRun({ withdraw: { id: potassium.id, withdrawnOn: '2026-03-10' } });
    expect(late.body).toMatchObject({ gained: 0, lost: 0, byItem: [] });
    // A failed assessment newer than the pass decides (001: 最近一次…成绩合格): the same results are lost.
    const failed = await dryRun({
      add: { ...potassium, id: undefined, kind: 'eqa', passed: false, validFrom: '2026-03-01', withdrawnOn: null },
    });
    expect(failed.body.lost).toBe(early.body.lost);
    // Nothing was saved.
    const after = (
      await getJson(`${server.url}/api/platform/qualifications?institutionId=${HOSPITALS.yuzhong}`, platform())
    ).body;
    expect(after).toEqual(held);
    expect((await dryRun({})).status).toBe(400);
    expect((await dryRun({ withdraw: { id: 999_999, withdrawnOn: '2026-03-01' } })).status).toBe(404);
  });

  it('records a withdrawn qualification, which the rules apply at once', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    const hookCall = async () => {
      const { mintClientToken } = await import('../../fixtures/clients/mint');
      const token = await mintClientToken({
        issuer: 'https://ehr.h-cq-001.example',
        audience: 'http://huren.test/cds-services/recognition-order-select',
        now: TEST_NOW,
      });
      return (
        await postJson(
          `${server.url}/cds-services/recognition-order-select`,
          { ...request, hookInstance: crypto.randomUUID() },
          { authorization: `Bearer ${token}` },
        )
      ).body.cards;
    };
    expect(await hookCall()).toHaveLength(1);
    // 渝中区人民医院 holds potassium by an item-level blind-sample test; withdraw it before the result.
    const qualifications = (
      await getJson(`${server.url}/api/platform/qualifications?institutionId=${HOSPITALS.yuzhong}`, platform())
    ).body;
    const potassium = qualifications.find((q: any) => q.scope.kind === 'item' && q.scope.itemCode === 'LAB-K');
    const withdrawn = await send('POST', `/api/platform/qualifications/${potassium.id}/withdraw`, {
      withdrawnOn: '2026-03-01',
    });
    expect(withdrawn.status).toBe(200);
    expect(await hookCall()).toEqual([]);
  });

  it('lists what lapses soon: passed, not withdrawn, last valid day from today (2026-03-10) to 30 days on, soonest first', async () => {
    const record = (itemCode: string, validUntil: string, passed = true) =>
      send('POST', '/api/platform/qualifications', {
        institutionId: HOSPITALS.nanan,
        scope: { kind: 'item', itemCode },
        kind: 'eqa',
        passed,
        validFrom: '2025-10-01',
        validUntil,
        withdrawnOn: null,
      });
    const soon = (await record('LAB-K', '2026-03-20')).body;
    const today = (await record('LAB-NA', '2026-03-10')).body;
    await record('LAB-CL', '2026-04-09');
    await record('LAB-CRE', '2026-04-10');
    await record('LAB-GLU', '2026-03-09');
    await record('LAB-UA', '2026-03-15', false);
    const withdrawnLater = (await record('LAB-ALT', '2026-03-25')).body;
    await send('POST', `/api/platform/qualifications/${withdrawnLater.id}/withdraw`, { withdrawnOn: '2026-03-30' });
    const withdrawnNow = (await record('LAB-AST', '2026-03-25')).body;
    await send('POST', `/api/platform/qualifications/${withdrawnNow.id}/withdraw`, { withdrawnOn: '2026-03-05' });

    const lapsing = await getJson(
      `${server.url}/api/platform/qualifications?institutionId=${HOSPITALS.nanan}&lapsingWithinDays=30`,
      platform(),
    );
    expect(lapsing.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/platform/qualifications', 'get', 200, lapsing.body);
    expect(lapsing.body.map((q: any) => [q.scope.itemCode, q.validUntil])).toEqual([
      ['LAB-NA', '2026-03-10'],
      ['LAB-K', '2026-03-20'],
      ['LAB-ALT', '2026-03-25'],
      ['LAB-CL', '2026-04-09'],
    ]);
    expect(lapsing.body[0].id).toBe(today.id);
    expect(lapsing.body[1].id).toBe(soon.id);
    expect((await getJson(`${server.url}/api/platform/qualifications?lapsingWithinDays=0`, platform())).status).toBe(
      400,
    );
  });

  it('registers a CDS client whose key then signs hook calls, and revokes it', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS384', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'new-ehr-1', alg: 'RS384' };
    // The private key pasted by mistake is refused, and nothing of it is stored.
    const pasted = await send('POST', '/api/platform/clients', {
      issuer: 'https://ehr.new.example',
      hospitalId: HOSPITALS.qijiang,
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'new-ehr-1', alg: 'RS384' }] },
    });
    expect(pasted.status).toBe(400);
    expect(pasted.body.error).toMatchObject({ code: 'invalid', field: 'jwks.keys[0]' });
    expect(await server.services.db('cds_clients').where('issuer', 'https://ehr.new.example')).toEqual([]);
    const registered = await send('POST', '/api/platform/clients', {
      issuer: 'https://ehr.new.example',
      hospitalId: HOSPITALS.qijiang,
      jwks: { keys: [jwk] },
      fhirServers: ['https://fhir.new.example/r4'],
    });
    expect(registered.status).toBe(201);
    // What Huren may read for it is listed back (issue 23 point 17).
    const listed = await getJson(`${server.url}/api/platform/clients`, {
      authorization: `Bearer ${server.platformToken}`,
    });
    expect(listed.body.find((client: any) => client.issuer === 'https://ehr.new.example').fhirServers).toEqual([
      'https://fhir.new.example/r4',
    ]);
    const call = async () => {
      const iat = Math.floor(TEST_NOW.getTime() / 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS384', kid: 'new-ehr-1', typ: 'JWT' })
        .setIssuer('https://ehr.new.example')
        .setAudience('http://huren.test/cds-services/recognition-order-select')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .setJti(crypto.randomUUID())
        .sign(privateKey);
      return postJson(
        `${server.url}/cds-services/recognition-order-select`,
        orderRequest('order-select', 'chen-jing', ['LAB-CBC']),
        { authorization: `Bearer ${token}` },
      );
    };
    const answer = await call();
    expect(answer.status).toBe(200);
    // The registration says 綦江 (level 2), where 陈静's level-2 blood count is recognised.
    expect(answer.body.cards).toHaveLength(1);
    expect((await send('POST', '/api/platform/clients/revoke', { issuer: 'https://ehr.new.example' })).status).toBe(
      200,
    );
    expect((await call()).status).toBe(401);
  });

  it('edits the catalog', async () => {
    const catalog = (await getJson(`${server.url}/api/platform/catalog`, platform())).body;
    const potassium = catalog.find((item: any) => item.code === 'LAB-K');
    const { status } = await send('PUT', '/api/platform/catalog/LAB-K', { ...potassium, priceFen: 650 });
    expect(status).toBe(200);
    expect(
      (await getJson(`${server.url}/api/catalog`, platform())).body.find((item: any) => item.code === 'LAB-K').priceFen,
    ).toBe(650);
    expect((await send('PUT', '/api/platform/catalog/LAB-NA', { ...potassium, priceFen: 650 })).status).toBe(400);
  });

  it('is for platform tokens only', async () => {
    const admin = await server.token('admin', HOSPITALS.shancheng);
    expect(
      (await getJson(`${server.url}/api/platform/institutions`, { authorization: `Bearer ${admin}` })).status,
    ).toBe(403);
    expect((await getJson(`${server.url}/api/platform/institutions`)).status).toBe(401);
  });
});

describe('the policy as data: a new province, its catalog and its alliances are configuration, not code', () => {
  it('registers a region policy with its marks and their forms, its level rule for marked results and its assessment interval', async () => {
    const jiangsu = {
      code: 'JS',
      name: '江苏省',
      markRequired: true,
      marks: {
        lab: [{ text: '苏HR', forms: ['tag', 'item-name-prefix'] }],
        imaging: [{ text: '-SUHR', forms: ['institution-name-suffix'] }],
      },
      markedLevelRule: 'none',
      annotationRequired: true,
      assessmentIntervalMonths: 12,
      lowerLevelAcceptance: { default: 'alliance', max: 'all' },
      partnerRegions: [],
    };
    expect((await send('PUT', '/api/platform/regions/JS', jiangsu)).status).toBe(200);
    const regions = (await getJson(`${server.url}/api/platform/regions`, platform())).body;
    expect(regions.find((region: any) => region.code === 'JS')).toEqual(jiangsu);
    const refused = await send('PUT', '/api/platform/regions/JS', { ...jiangsu, markedLevelRule: 'sometimes' });
    expect(refused.status).toBe(400);
  });

  it('imports catalog items with window units, annotations, what they contain and their synonyms from CSV', async () => {
    const csv = [
      'code,nameZh,nameEn,kind,discipline,modality,bodySite,windowAmount,windowUnit,annotation,contains,synonyms,onRegionalList,loinc,priceFen',
      'MR-CSPINE-ENH,颈椎MRI平扫+增强,"Cervical spine MRI, plain + enhanced",imaging,mr,MR,颈椎,3,months,none,MR-CSPINE,颈椎增强核磁,true,,80000',
      'LAB-RFT,肾功能,Renal function panel,lab,chemistry,,,30,days,method,LAB-CRE;LAB-UREA;LAB-UA,肾功,false,,3000',
      'LAB-BAD,坏,Bad,lab,chemistry,,,30,weeks,none,,,true,,100',
    ].join('\n');
    const { body } = await send('POST', '/api/platform/import/catalog', csv, 'text/csv');
    expect(body).toMatchObject({ saved: 2, refused: [{ row: 3, field: 'windowUnit' }] });
    const catalog = (await getJson(`${server.url}/api/catalog`, platform())).body;
    expect(catalog.find((item: any) => item.code === 'MR-CSPINE-ENH')).toMatchObject({
      window: { amount: 3, unit: 'months' },
      contains: ['MR-CSPINE'],
      synonyms: ['颈椎增强核磁'],
    });
    expect(catalog.find((item: any) => item.code === 'LAB-RFT')).toMatchObject({
      annotation: 'method',
      contains: ['LAB-CRE', 'LAB-UREA', 'LAB-UA'],
      onRegionalList: false,
    });
    // A panel whose analyte the catalog lacks is refused in a file as on the item's own page.
    const panel = `${csv.split('\n')[0]}\nLAB-X2,某组合,Some panel,lab,chemistry,,,30,days,none,LAB-K;LAB-NOPE,,true,,100\n`;
    expect((await send('POST', '/api/platform/import/catalog', panel, 'text/csv')).body).toMatchObject({
      saved: 0,
      refused: [{ row: 1, field: 'contains', message: '互认目录中没有项目 LAB-NOPE' }],
    });
  });

  it('tells close alliances from loose ones', async () => {
    expect(
      (await send('PUT', '/api/platform/alliances/A-NEW', { id: 'A-NEW', name: '沙坪坝区紧密型医联体', kind: 'close' }))
        .status,
    ).toBe(200);
    expect(
      (await send('PUT', '/api/platform/alliances/A-BAD', { id: 'A-BAD', name: '某联盟', kind: 'tight' })).status,
    ).toBe(400);
  });
});

describe("the registry's answers are the ones the OpenAPI document describes", () => {
  const documented = async (method: string, path: string, template: string, status: number, body?: unknown) => {
    const answer =
      method === 'GET' ? await getJson(`${server.url}${path}`, platform()) : await send(method, path, body);
    expect(answer.status).toBe(status);
    await expectMatchesOpenApi(server.url, template, method, status, answer.body);
    return answer.body;
  };

  it('for every platform route', async () => {
    const regions = await documented('GET', '/api/platform/regions', '/api/platform/regions', 200);
    await documented(
      'PUT',
      `/api/platform/regions/${regions[0].code}`,
      '/api/platform/regions/{code}',
      200,
      regions[0],
    );
    const institutions = await documented('GET', '/api/platform/institutions', '/api/platform/institutions', 200);
    await documented(
      'PUT',
      `/api/platform/institutions/${institutions[0].id}`,
      '/api/platform/institutions/{id}',
      200,
      institutions[0],
    );
    await documented('PUT', '/api/platform/alliances/A-DOC', '/api/platform/alliances/{id}', 200, {
      id: 'A-DOC',
      name: '文档医联体',
      kind: 'loose',
    });
    const qualifications = await documented('GET', '/api/platform/qualifications', '/api/platform/qualifications', 200);
    const { id: _id, ...qualification } = qualifications[0];
    const saved = await documented(
      'POST',
      '/api/platform/qualifications',
      '/api/platform/qualifications',
      201,
      qualification,
    );
    await documented(
      'POST',
      `/api/platform/qualifications/${saved.id}/withdraw`,
      '/api/platform/qualifications/{id}/withdraw',
      200,
      { withdrawnOn: '2026-03-09' },
    );
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    await documented('POST', '/api/platform/clients', '/api/platform/clients', 201, {
      issuer: 'https://ehr.doc.example',
      hospitalId: HOSPITALS.qijiang,
      jwks: { keys: [await exportJWK(publicKey)] },
    });
    await documented('GET', '/api/platform/clients', '/api/platform/clients', 200);
    await documented('POST', '/api/platform/clients/revoke', '/api/platform/clients/revoke', 200, {
      issuer: 'https://ehr.doc.example',
    });
    const catalog = await documented('GET', '/api/platform/catalog', '/api/platform/catalog', 200);
    await documented(
      'PUT',
      `/api/platform/catalog/${catalog[0].code}`,
      '/api/platform/catalog/{code}',
      200,
      catalog[0],
    );
    await documented('GET', '/api/catalog', '/api/catalog', 200);
  });
});

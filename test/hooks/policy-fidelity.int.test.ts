import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { messages } from '../../server/i18n';
import { orderRequest, sampleRequest } from '../support/hook-requests';
import { chartOpened, getJson, postJson, startServer, type TestServer } from '../support/server';

/**
 * Every rule the policy texts state, through the public interface: the demo reports were ingested by
 * `POST /fhir` (the seed), the hooks answer, `POST /api/explain` gives the reason in words.
 */
let server: TestServer;
let tokens: Record<string, string>;

const select = (request: unknown) => postJson(`${server.url}/cds-services/recognition-order-select`, request);
const sign = (request: unknown) => postJson(`${server.url}/cds-services/recognition-order-sign`, request);
/** Explain as the hospital's administrator, for a patient whose chart its EHR has opened (its own patient). */
const explain = async (request: any, hospitalId: string) => {
  await chartOpened(server, request.prefetch.patient.identifier[0].value, hospitalId);
  return (await postJson(`${server.url}/api/explain`, request, { authorization: `Bearer ${tokens[hospitalId]}` })).body;
};
/** Card markdown escapes report punctuation (`+` → `\+`); the words are what matter here. */
const unescaped = (markdown: string) => markdown.replace(/\\(.)/g, '$1');
const reasonsOf = (verdict: { excluded: { reasons: { code: string }[] }[] }) =>
  verdict.excluded.flatMap((e) => e.reasons.map((r) => r.code));

beforeAll(async () => {
  server = await startServer({ seed: true });
  tokens = Object.fromEntries(
    await Promise.all(
      [HOSPITALS.shancheng, HOSPITALS.qijiang, HOSPITALS.jinghua].map(
        async (id) => [id, await server.token('admin', id)] as const,
      ),
    ),
  );
});
afterAll(async () => {
  await server.close();
});

// 001_0b4a79971fa7303c.txt: "互认主要适用于非急诊患者的诊疗过程" and "(4)患者处于急诊、急救等紧急状态下的"
describe('1. emergency: the card informs only (001_0b4a79971fa7303c.txt: 互认主要适用于非急诊患者)', () => {
  it('never advises against repeating, recommends nothing, and says the result may be referred to', async () => {
    const { body } = await select(orderRequest('order-select', 'wu-xiuying', ['LAB-CBC'], { encounterClass: 'EMER' }));
    const [card] = body.cards;
    expect(card.indicator).toBe('info');
    expect(card.summary).not.toContain('建议不重复检查');
    expect(card.summary).toContain('可供参考');
    expect(card.suggestions.every((suggestion: { isRecommended: boolean }) => !suggestion.isRecommended)).toBe(true);
    expect(card.detail).toContain('以下结果可供参考');
    // The app opened from the card says the same (issue 23 point 7).
    const { promptId, token } = JSON.parse(card.links[0].appContext);
    const view = await getJson(`${server.url}/api/prompts/${promptId}`, { authorization: `Bearer ${token}` });
    expect(view.body.emergencyNote).toBe(messages('zh-CN').emergencyNote);
    expect(card.detail).toContain(view.body.emergencyNote);
  });

  it('an emergency order signed without a decision is not an unexplained repeat', async () => {
    const request = orderRequest('order-select', 'wu-xiuying', ['LAB-PT'], {
      encounterClass: 'EMER',
      hospitalId: HOSPITALS.qijiang,
    });
    const signing = {
      ...orderRequest('order-sign', 'wu-xiuying', ['LAB-PT'], {
        encounterClass: 'EMER',
        hospitalId: HOSPITALS.qijiang,
      }),
      context: { ...request.context, selections: undefined },
    };
    expect((await select(request)).body.cards).toHaveLength(1);
    expect((await sign(signing)).body.cards).toHaveLength(1);
    expect(await server.services.db('unexplained_repeats').where('hospital_id', HOSPITALS.qijiang)).toEqual([]);
  });
});

// 001_0b4a79971fa7303c.txt: "互认检验项目最近一次室间质评或盲样考核成绩合格,方可标注互认标识" and "不得少于半年一次"
describe('2. the latest assessment of the item decides (001_0b4a79971fa7303c.txt: 最近一次室间质评或盲样考核成绩合格)', () => {
  it('an item-level failure excludes uric acid although the chemistry discipline passed', async () => {
    const request = orderRequest('order-select', 'xie-fang', ['LAB-UA']);
    expect((await select(request)).body.cards).toEqual([]);
    const [verdict] = (await explain(request, HOSPITALS.shancheng)).verdicts;
    expect(reasonsOf(verdict)).toEqual(['qualification.failed']);
  });

  it('半年一次: an assessment eight months old no longer qualifies in 京津冀鲁', async () => {
    const [verdict] = (
      await explain(
        orderRequest('order-select', 'qian-bo', ['LAB-AFP'], { hospitalId: HOSPITALS.jinghua }),
        HOSPITALS.jinghua,
      )
    ).verdicts;
    expect(reasonsOf(verdict)).toEqual(['qualification.overdue']);
  });
});

// 001_0b4a79971fa7303c.txt: "临床免疫、凝血试验项目应注明检测系统品牌;部分临床生化项目(如肌酐、白蛋白等)应注明检测方法"
describe('3. brand or method, per item (001_0b4a79971fa7303c.txt: 应注明检测系统品牌 / 应注明检测方法)', () => {
  it('a coagulation result stating only its method lacks the brand and is excluded with its own reason', async () => {
    const request = orderRequest('order-select', 'qian-bo', ['LAB-PT'], { hospitalId: HOSPITALS.jinghua });
    expect((await select(request)).body.cards).toEqual([]);
    const [verdict] = (await explain(request, HOSPITALS.jinghua)).verdicts;
    expect(verdict.excluded[0].reasons).toEqual([
      { code: 'brand.not-stated', text: messages('zh-CN').exclusionReasons['brand.not-stated'] },
    ]);
  });

  it("a method unlike the ordering hospital's is a warning in the card", async () => {
    const { body } = await select(orderRequest('order-select', 'li-na', ['LAB-CRE']));
    expect(body.cards[0].detail).toContain('方法：苦味酸法');
    expect(body.cards[0].detail).toContain('与本院检测系统（方法：酶法；品牌：Roche cobas c702）不同');
  });
});

// 001_0b4a79971fa7303c.txt: "对标有京津冀鲁区域互认标识的检查检验结果能认尽认"
describe('4. 京津冀鲁: marked results are recognised as far as possible (001_0b4a79971fa7303c.txt: 能认尽认)', () => {
  it('a Beijing tertiary hospital recognises creatinine from a secondary hospital in Tianjin, marked before the item name', async () => {
    const { body } = await select(
      orderRequest('order-select', 'qian-bo', ['LAB-CRE'], { hospitalId: HOSPITALS.jinghua }),
    );
    expect(body.cards).toHaveLength(1);
    expect(body.cards[0].summary).toContain('海河区第三人民医院');
    expect(body.cards[0].detail).toContain('互认标识：京津冀鲁HR');
    // The mark printed before the item's name is the result's mark, not part of the analyte's name (issue 23 point 7).
    expect(body.cards[0].detail).toContain('| 肌酐 | 81 |');
    expect(body.cards[0].detail).not.toContain('京津冀鲁HR肌酐');
  });

  it("shows a mark the result carries on the card where the region requires none, as the app does: 王芳's 川渝HR in 重庆", async () => {
    const { body } = await select(orderRequest('order-select', 'wang-fang', ['CT-HEAD']));
    expect(body.cards[0].detail).toContain('互认标识：川渝HR');
  });

  it('a chest CT marked by -JJJLHR after the institution name on the images is recognised', async () => {
    const { body } = await select(
      orderRequest('order-select', 'qian-bo', ['CT-CHEST'], { hospitalId: HOSPITALS.jinghua }),
    );
    expect(body.cards[0].detail).toContain('互认标识：-JJJLHR');
  });

  it('the same Tianjin creatinine is not recognised in Chongqing (no agreement)', async () => {
    const [verdict] = (await explain(orderRequest('order-select', 'qian-bo', ['LAB-CRE']), HOSPITALS.shancheng))
      .verdicts;
    expect(reasonsOf(verdict)).toEqual(['scope.region']);
  });
});

// 002_e9c8f6f4790952a5.txt: "当患者有类似检查且检查结果质量符合诊断要求的…通过医生工作站发出提醒信息"
describe('5. similar examinations (002_e9c8f6f4790952a5.txt: 类似检查)', () => {
  it('an enhanced chest CT stands for the plain one, and the card says which and why', async () => {
    const { body } = await select(orderRequest('order-select', 'feng-xue', ['CT-CHEST']));
    expect(unescaped(body.cards[0].detail)).toContain('胸部CT平扫+增强包含胸部CT平扫的检查内容，其结果可替代本次申请');
    const [verdict] = (await explain(orderRequest('order-select', 'feng-xue', ['CT-CHEST']), HOSPITALS.shancheng))
      .verdicts;
    expect(verdict.recognisable[0].standsFor).toMatchObject({ code: 'CT-CHEST-ENH' });
  });

  it('a plain head CT does not stand for an enhanced one', async () => {
    expect((await select(orderRequest('order-select', 'feng-xue', ['CT-HEAD-ENH']))).body.cards).toEqual([]);
  });

  it('a blood count stands for haemoglobin ordered alone', async () => {
    const { body } = await select(orderRequest('order-select', 'tang-yu', ['LAB-HGB']));
    expect(body.cards[0].detail).toContain('血常规包含血红蛋白');
  });
});

// 001_0b4a79971fa7303c.txt and 002_e9c8f6f4790952a5.txt: "检查检验结果不包括医师出具的诊断结论"
describe("6. results exclude the doctor's conclusion (001/002: 不包括医师出具的诊断结论)", () => {
  it('the impression appears only under 外院诊断意见（仅供参考）, after the findings', async () => {
    const { body } = await select(orderRequest('order-select', 'zhang-wei', ['CT-CHEST']));
    const detail: string = body.cards[0].detail;
    expect(detail).toContain('**检查所见**：双肺纹理清晰');
    expect(detail).toContain('*外院诊断意见（仅供参考）*：右肺上叶微小结节');
    expect(detail.indexOf('外院诊断意见')).toBeGreaterThan(detail.indexOf('检查所见'));
  });
});

// 002_e9c8f6f4790952a5.txt: "对认可的外院检查结果应采用信息化技术在病历中予以记录,包括检查结果、检查机构名称、检查时间等"
describe('7. accepting on the card records the result (002_e9c8f6f4790952a5.txt: 检查结果、检查机构名称、检查时间)', () => {
  it('the recommended suggestion creates the external report in the record and deletes the draft', async () => {
    const { body } = await select(orderRequest('order-select', 'zhang-wei', ['CT-CHEST']));
    const [create, remove] = body.cards[0].suggestions[0].actions;
    expect(create.resource).toMatchObject({
      resourceType: 'DiagnosticReport',
      status: 'final',
      subject: { reference: 'Patient/zhang-wei' },
      performer: [{ display: '嘉陵江中心医院' }],
      effectiveDateTime: '2026-02-18T01:30:00.000Z',
    });
    expect(create.resource.contained.map((o: { id: string }) => o.id)).toEqual(['findings', 'impression']);
    expect(remove).toMatchObject({ type: 'delete', resourceId: 'ServiceRequest/sr-1' });
  });
});

describe("8. the ordering hospital's own results are 本院, never 外院", () => {
  it('labels the reminder 本院 and records nothing new when it is accepted', async () => {
    const { body } = await select(orderRequest('order-select', 'huang-yong', ['DR-CHEST-PA']));
    const [card] = body.cards;
    expect(card.summary).toContain('本院');
    expect(card.detail).toContain('本院·山城医科大学附属第一医院');
    expect(card.detail).not.toContain('外院');
    expect(card.suggestions[0].actions.map((a: { type: string }) => a.type)).toEqual(['delete']);
  });

  it('patient-view tells 本院 from 外院', async () => {
    const { prefetch } = orderRequest('order-select', 'song-yu', ['LAB-K']);
    const request = {
      hook: 'patient-view',
      hookInstance: crypto.randomUUID(),
      context: { userId: 'Practitioner/dr-test', patientId: 'song-yu', encounterId: 'enc-test' },
      prefetch,
    };
    const { body } = await postJson(`${server.url}/cds-services/recognition-patient-view`, request);
    expect(body.cards[0].summary).toContain('本院1项');
    expect(body.cards[0].detail).toContain('本院·山城医科大学附属第一医院');
  });
});

// 002_e9c8f6f4790952a5.txt: "医疗机构对近期（一般3个月内）规范完整的医学影像检查结果…原则上予以认可"
describe('9. windows in months are calendar months (002_e9c8f6f4790952a5.txt: 近期（一般3个月内）)', () => {
  it('a head CT of 06-01 is recognised on 09-01, 92 days later', async () => {
    const september = await startServer({ seed: true, now: new Date('2026-09-01T02:00:00Z') });
    try {
      const { body } = await postJson(
        `${september.url}/cds-services/recognition-order-select`,
        orderRequest('order-select', 'feng-xue', ['CT-HEAD']),
      );
      expect(body.cards[0].summary).toContain('92天前（2026-06-01）');
      expect(body.cards[0].detail).toContain('今日到期');
    } finally {
      await september.close();
    }
  });
});

// 004_abbfdbaff83305ff.txt: "各紧密型医联体(含城市医疗集团和县域医共体)实现医联体内医疗机构间全部项目互认"
describe('11. close alliances recognise all items (004_abbfdbaff83305ff.txt: 紧密型医联体…全部项目互认)', () => {
  it('an item off the regional list prompts between members of a county alliance (医共体)', async () => {
    const { body } = await select(
      orderRequest('order-select', 'pan-lei', ['LAB-ESR'], { hospitalId: HOSPITALS.qijiang }),
    );
    expect(body.cards[0].summary).toContain('古南街道卫生院');
  });

  it('but not between members of a loose specialty alliance', async () => {
    const request = orderRequest('order-select', 'pan-lei', ['LAB-ESR']);
    expect((await select(request)).body.cards).toEqual([]);
    const [verdict] = (await explain(request, HOSPITALS.shancheng)).verdicts;
    const jialing = verdict.excluded.find(
      (exclusion: { institution: { id: string } }) => exclusion.institution.id === HOSPITALS.jialing,
    );
    expect(jialing.reasons.map((reason: { code: string }) => reason.code)).toEqual(['scope.off-list']);
  });
});

// 001_0b4a79971fa7303c.txt: "对于符合互认条件的检查检验项目,不得以与其他项目打包等形式再次收取相关费用"
describe('12. no charging again through bundles (001_0b4a79971fa7303c.txt: 不得以…打包等形式再次收取)', () => {
  it('a liver panel whose ALT and AST were done says so, and offers to record them without cancelling the panel', async () => {
    const { body } = await select(orderRequest('order-select', 'tang-yu', ['LAB-LFT']));
    const [card] = body.cards;
    expect(card.summary).toBe('肝功能：其中丙氨酸氨基转移酶、天门冬氨酸氨基转移酶已有可互认结果，不得重复收费');
    expect(card.suggestions[0].actions.map((a: { type: string }) => a.type)).toEqual(['create', 'create']);
    const [verdict] = (await explain(orderRequest('order-select', 'tang-yu', ['LAB-LFT']), HOSPITALS.shancheng))
      .verdicts;
    expect(verdict.components.map((c: { item: { code: string } }) => c.item.code)).toEqual(['LAB-ALT', 'LAB-AST']);
  });
});

describe('14. card wording a medical-affairs office would sign', () => {
  it('二级甲等, full-width punctuation, no mark line where the region needs none, the hospital item name without nested brackets', async () => {
    const { body } = await select(sampleRequest('order-select-zhang-wei.json'));
    const detail: string = body.cards[0].detail;
    expect(detail).toContain('（二级甲等）');
    expect(detail).not.toContain('互认标识');
    expect(detail).toContain('**申请项目**：钾；本院项目名称：血钾');
    expect(detail).not.toMatch(/[^\s|]: /);
  });

  it('says 今日 rather than 0天前', () => {
    expect(messages('zh-CN').orderSummary('钾', '渝中区人民医院', '2026-03-10', 0, false)).toBe(
      '钾：患者今日（2026-03-10）在渝中区人民医院的结果可互认，建议不重复检查',
    );
  });
});

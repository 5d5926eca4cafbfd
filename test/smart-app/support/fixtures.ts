import { countsAsNonRecognition, EXCEPTION_REASONS, EXPLANATION_MAX_LENGTH, needsExplanation } from '../../../rules';
import {
  decisionAnswerSchema,
  promptViewSchema,
  type DecisionAnswer,
  type DecisionView,
  type PromptView,
} from '../../../server/contract/decisions';
import { messages, type Locale } from '../../../server/i18n';

/**
 * What our decision API answers, for the stories the app tests tell. Texts come from the server's own
 * catalogs, and every fixture is parsed with the server's schema, so a fixture cannot drift from the API.
 */

export const PROMPT_ID = 'prompt-zhang-wei-k';
export const DOCTOR = { ref: 'Practitioner/dr-wang', name: '王医生' } as const;

type Story = 'potassium' | 'creatinine' | 'chest-ct';

const yuzhong = (locale: Locale) => ({
  id: 'H-CQ-003',
  name: '渝中区人民医院',
  level: 2,
  levelText: messages(locale).level(2, '甲'),
});
const jialing = (locale: Locale) => ({
  id: 'H-CQ-002',
  name: '嘉陵江中心医院',
  level: 3,
  levelText: messages(locale).level(3, '乙'),
});
const nanan = (locale: Locale) => ({
  id: 'H-CQ-004',
  name: '南岸区第二人民医院',
  level: 2,
  levelText: messages(locale).level(2, '乙'),
});

const items = {
  potassium: {
    code: 'LAB-K',
    nameZh: '钾',
    nameEn: 'Potassium',
    kind: 'lab',
    modality: null,
    bodySite: null,
    window: { amount: 7, unit: 'days' },
    windowDays: 7,
    annotation: 'none',
    methodRelevant: false,
  },
  creatinine: {
    code: 'LAB-CRE',
    nameZh: '肌酐',
    nameEn: 'Creatinine',
    kind: 'lab',
    modality: null,
    bodySite: null,
    window: { amount: 30, unit: 'days' },
    windowDays: 30,
    annotation: 'method',
    methodRelevant: true,
  },
  'chest-ct': {
    code: 'CT-CHEST',
    nameZh: '胸部CT平扫',
    nameEn: 'Chest CT, plain',
    kind: 'imaging',
    modality: 'CT',
    bodySite: '胸部',
    window: { amount: 3, unit: 'months' },
    windowDays: 89,
    annotation: 'none',
    methodRelevant: false,
  },
} as const;

export const RESULT_IDS = {
  potassium: 'result-k-yuzhong',
  creatinine: 'result-cre-yuzhong',
  'chest-ct': 'result-ct-jialing',
  excludedCt: 'result-ct-nanan',
} as const;

function recognisable(story: Story, locale: Locale): PromptView['recognisable'] {
  const text = messages(locale);
  switch (story) {
    case 'potassium':
      return [
        {
          resultId: RESULT_IDS.potassium,
          suggestionId: 'suggestion-k',
          institution: yuzhong(locale),
          mark: null,
          status: 'final',
          effectiveAt: '2026-03-08T01:30:00.000Z',
          resultDate: '2026-03-08',
          ageDays: 2,
          daysLeft: 5,
          lastDay: '2026-03-15',
          testSystem: { method: null, brand: null },
          warnings: [],
          own: false,
          via: null,
          report: {
            kind: 'lab',
            title: '钾',
            values: [{ name: '钾', value: '5.6', unit: 'mmol/L', referenceRange: '3.5-5.3', flag: 'H' }],
          },
        },
      ];
    case 'creatinine':
      return [
        {
          resultId: RESULT_IDS.creatinine,
          suggestionId: 'suggestion-cre',
          institution: yuzhong(locale),
          mark: '★',
          status: 'final',
          effectiveAt: '2026-03-05T01:30:00.000Z',
          resultDate: '2026-03-05',
          ageDays: 5,
          daysLeft: 25,
          lastDay: '2026-04-04',
          testSystem: { method: '苦味酸法', brand: 'Beckman AU5800' },
          warnings: [{ code: 'method.differs', text: text.warnings['method.differs'] }],
          own: false,
          via: null,
          report: {
            kind: 'lab',
            title: '肌酐',
            values: [{ name: '肌酐', value: '68', unit: 'μmol/L', referenceRange: '41-73', flag: 'N' }],
          },
        },
      ];
    case 'chest-ct':
      return [
        {
          resultId: RESULT_IDS['chest-ct'],
          suggestionId: 'suggestion-ct',
          institution: jialing(locale),
          mark: null,
          status: 'final',
          effectiveAt: '2026-02-18T01:30:00.000Z',
          resultDate: '2026-02-18',
          ageDays: 20,
          daysLeft: 69,
          lastDay: '2026-05-18',
          testSystem: { method: null, brand: null },
          warnings: [],
          own: false,
          via: null,
          report: {
            kind: 'imaging',
            title: '胸部CT平扫',
            modality: 'CT',
            findings: '右肺上叶见一直径约4mm的实性小结节，边界清。',
            impression: '右肺上叶微小结节，建议年度随访。',
            studyUid: '2.25.421549154',
            viewerUrl: 'https://pacs.example/H-CQ-002/viewer?study=2.25.421549154',
          },
        },
      ];
  }
}

function excluded(story: Story, locale: Locale): PromptView['excluded'] {
  if (story !== 'chest-ct') return [];
  const text = messages(locale);
  return [
    {
      resultId: RESULT_IDS.excludedCt,
      institution: nanan(locale),
      status: 'final',
      resultDate: '2026-02-08',
      ageDays: 30,
      reasons: (['qualification.not-valid-on-date', 'scope.lower-level'] as const).map((code) => ({
        code,
        text: text.exclusionReasons[code],
      })),
      report: {
        kind: 'imaging',
        title: '胸部CT平扫',
        modality: 'CT',
        findings: '两肺纹理增多。',
        impression: '慢性支气管炎表现。',
        studyUid: '2.25.1',
        viewerUrl: null,
      },
    },
  ];
}

export interface ViewOptions {
  readonly decision?: DecisionView | null;
  readonly history?: readonly DecisionView[];
  readonly editable?: boolean;
  /** The hospital's region requires marks (重庆, the fixtures' region, does not). */
  readonly markRequired?: boolean;
  readonly encounterKind?: 'outpatient' | 'emergency';
}

export function promptView(story: Story, locale: Locale, options: ViewOptions = {}): PromptView {
  const text = messages(locale);
  const item = items[story];
  const decision = options.decision ?? null;
  return promptViewSchema.parse({
    prompt: {
      id: PROMPT_ID,
      serviceId: 'recognition-order-select',
      createdAt: '2026-03-10T02:00:00.000Z',
      orderRef: 'ServiceRequest/sr-1',
      encounterKind: {
        code: options.encounterKind ?? 'outpatient',
        text: text.encounterKinds[options.encounterKind ?? 'outpatient'],
      },
      department: '心血管内科门诊',
      orderedBy: { ref: 'Practitioner/dr-li', name: '李明' },
    },
    hospital: { id: 'H-CQ-001', name: '山城医科大学附属第一医院' },
    item: {
      code: item.code,
      name: locale === 'en' ? item.nameEn : item.nameZh,
      kind: item.kind,
      modality: item.modality,
      bodySite: item.bodySite,
      window: item.window,
      windowDays: item.windowDays,
      annotation: item.annotation,
      methodRelevant: item.methodRelevant,
    },
    localTestSystem: story === 'creatinine' ? { method: '酶法', brand: 'Roche cobas c702' } : null,
    markRequired: options.markRequired ?? false,
    emergencyNote: options.encounterKind === 'emergency' ? text.emergencyNote : null,
    recognisable: recognisable(story, locale),
    excluded: excluded(story, locale),
    exceptionReasons: EXCEPTION_REASONS.map((code) => ({
      code,
      text: text.exceptionReasons[code],
      countsAsNonRecognition: countsAsNonRecognition(code),
      needsExplanation: needsExplanation(code),
    })),
    explanationMaxLength: EXPLANATION_MAX_LENGTH,
    decision,
    history: options.history ?? (decision ? [decision] : []),
    editable: options.editable ?? true,
    writeBackResource:
      decision?.outcome === 'accepted' && decision.resultId ? writeBackResource(decision.resultId) : null,
  });
}

/** The DiagnosticReport our server hands over for an accepted result (subject left for the app). */
export function writeBackResource(resultId: string): Record<string, unknown> {
  return {
    resourceType: 'DiagnosticReport',
    identifier: [
      { system: 'https://fhir.huren.example/sid/result', value: resultId },
      { system: 'https://his.example/H-CQ-003/report', value: 'zhang-wei-r1' },
    ],
    status: 'final',
    code: {
      coding: [{ system: 'https://fhir.huren.example/CodeSystem/recognition-item', code: 'LAB-K', display: '钾' }],
      text: '钾',
    },
    effectiveDateTime: '2026-03-08T01:30:00.000Z',
    performer: [
      {
        identifier: { system: 'https://fhir.huren.example/sid/institution', value: 'H-CQ-003' },
        display: '渝中区人民医院',
      },
    ],
    conclusion: '互认外院结果：渝中区人民医院 2026-03-08 钾',
  };
}

export function decisionView(fields: Partial<DecisionView> & Pick<DecisionView, 'outcome'>): DecisionView {
  return {
    version: 1,
    resultId: null,
    reason: null,
    reasonText: null,
    explanation: null,
    notification: null,
    practitioner: DOCTOR,
    source: 'smart-app',
    complete: true,
    decidedAt: '2026-03-10T02:10:00.000Z',
    recordedAt: '2026-03-10T02:10:00.000Z',
    writeBack: null,
    afterSigning: false,
    ...fields,
  };
}

export function decisionAnswer(answer: DecisionAnswer): DecisionAnswer {
  return decisionAnswerSchema.parse(answer);
}

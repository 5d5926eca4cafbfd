import type { AccessEntryView, AccessLogEndpoint } from '../../../../server/contract/access-log';

/** The strings of the access log page in Simplified Chinese; `en.ts` has the same keys. Loaded with the feature's code. */
export const accessLogZhCN = {
  accessLog: {
    heading: '访问日志',
    intro:
      '每次读取患者的检查检验结果（医生工作站的提示、结果说明、互认助手、质控查看申请历史）都记录在此：谁、何时、通过哪个途径、哪位患者、读取了几条结果。日志只能查看，不能修改；超过保存期限的记录自动清除。',
    filters: {
      heading: '筛选',
      from: '开始日期',
      to: '结束日期',
      endpoint: '访问途径',
      all: '全部',
      patient: '患者',
      patientHint: '粘贴列表中的患者标识，或输入身份证号后按回车',
      patientInvalid: '患者标识或身份证号最多 64 个字符',
      clear: '清除筛选',
    },
    list: { heading: '访问记录' },
    refused: '已拒绝（非本院患者）',
    columns: {
      at: '时间',
      actor: '访问者',
      endpoint: '访问途径',
      patient: '患者标识',
      results: '结果数',
      hospital: '医院',
    },
    actorKinds: {
      'cds-client': '医生工作站',
      'his-client': 'HIS 工作站',
      'api-token': 'API 令牌',
      'decision-token': '互认助手卡片',
      unauthenticated: '未认证（开发模式）',
    } satisfies Record<AccessEntryView['actorKind'], string>,
    endpoints: {
      'POST /cds-services/recognition-patient-view': '打开病历时的提示',
      'POST /cds-services/recognition-order-select': '开单时的提示',
      'POST /cds-services/recognition-order-sign': '签署医嘱时的提示',
      'POST /his/v1/check': 'HIS 互认检查',
      'POST /api/explain': '结果说明（explain）',
      'GET /api/prompts/:promptId': '互认助手打开卡片',
      'POST /api/prompts/:promptId/decision': '互认助手记录决定',
      'POST /api/prompts/:promptId/write-back': '互认助手回写结果',
      'POST /api/prompts/:promptId/renewal': '互认助手续期卡片（向医生站核对患者）',
      'POST /api/admin/rules/dry-run': '规则试运行（重放过往卡片，多名患者）',
      'POST /api/platform/regions/:code/dry-run': '地区政策试算（重放该地区过往卡片，多名患者）',
      'GET /api/quality/orders/:promptId': '质控查看申请历史',
    } satisfies Record<AccessLogEndpoint, string>,
    copy: (key: string) => `复制患者标识 ${key}`,
    copied: '已复制患者标识',
    onlyPatient: (key: string) => `只看患者 ${key} 的记录`,
    noHospital: '未指明',
    empty: '所选条件下没有访问记录。',
    timeFormat: 'YYYY-MM-DD HH:mm:ss',
  },
};

export type AccessLogMessages = typeof accessLogZhCN;

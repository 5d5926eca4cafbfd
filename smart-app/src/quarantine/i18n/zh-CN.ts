import type { QuarantinedMessage } from '../../../../server/contract/sources';

/** The strings of the quarantine page in Simplified Chinese; `en.ts` has the same keys. Loaded with the feature's code. */
export const quarantineZhCN = {
  quarantine: {
    heading: '数据接入隔离区',
    intro:
      '本院 LIS、PACS 发来但无法入库的报告在此等候：原样保存，并写明原因。常见原因是本院项目编码尚未对照——请在“规则管理”的项目对照中补上，再请平台重新处理（重放）。隔离的报告不会提示给医生，也不计入统计。',
    sources: {
      heading: '本院数据源',
      none: '平台尚未为本院登记数据源。',
      format: '接入方式',
      last: '最近接收',
      never: '尚未接收',
      pastDay: '近 24 小时消息数',
      waiting: '隔离中',
      revoked: '已停用',
    },
    list: '等候处理的消息',
    empty: '没有等候处理的消息：本院数据源发来的报告都已入库。',
    count: (count: number) => `共 ${count} 条`,
    received: '接收时间',
    source: '数据源',
    control: '消息号',
    noControl: '（无）',
    reason: '原因',
    raw: '原始消息',
    formats: { hl7v2: 'HL7 v2', cda: 'CDA 文档', 'front-table': '前置机表' } satisfies Record<
      QuarantinedMessage['format'],
      string
    >,
  },
};

export type QuarantineMessages = typeof quarantineZhCN;

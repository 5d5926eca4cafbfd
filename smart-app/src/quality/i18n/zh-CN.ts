import type { Granularity, OrderOutcome, OrderScope } from '../../../../server/contract/quality';
import type { FlagDirection } from '../quality-model';

/** The strings of the quality console in Simplified Chinese; `en.ts` has the same keys. Loaded with the feature's code. */
export const qualityZhCN = {
  quality: {
    heading: '检查检验结果互认质控',
    period: (from: string, to: string) => `统计期间：${from} 至 ${to}`,
    filters: {
      heading: '筛选条件',
      from: '开始日期',
      to: '结束日期',
      department: '科室',
      doctor: '开单医生',
      item: '项目',
      discipline: '专业',
      modality: '类别',
      outcome: '处理结果',
      reason: '理由',
      granularity: '趋势按',
      all: '全部',
      granularities: { day: '日', week: '周', month: '月' } satisfies Record<Granularity, string>,
      clear: '清除筛选',
      shareHint: '筛选条件保存在地址栏中：复制地址即可分享当前视图。',
    },
    outcomes: {
      accepted: '已互认',
      overridden: '不互认（有理由）',
      'not-counted': '不计入（影像未收到/持续监测）',
      'no-decision': '未处理',
      'unexplained-repeat': '未说明理由的重复检查',
    } satisfies Record<OrderOutcome, string>,
    modalities: {
      LAB: '检验',
      DX: 'X线（DR）',
      CR: 'X线（CR）',
      CT: 'CT',
      MR: '磁共振',
      US: '超声',
      NM: '核医学',
      OT: '其他',
    } as Readonly<Record<string, string>>,
    figures: {
      heading: '总体情况',
      orders: '提示的申请',
      eligible: '可互认的申请',
      accepted: '互认',
      rate: '互认率',
      overridden: '不互认（计入）',
      notCounted: '不计入的理由',
      unexplained: '未说明理由的重复检查',
      yuanSaved: '节省费用',
      prompts: (count: number) => `共提示 ${count} 次：同一申请在开单和签署时的提示只计一次。`,
      rateDefinition: '互认率 = 互认 ÷ 可互认的申请；未处理的提示和未说明理由的重复检查都算未互认。',
    },
    definitions: {
      heading: '统计口径',
      items: [
        '申请：患者已有可互认的外院结果、开单时弹出互认提示的一项检查检验申请。同一申请在开单和签署时各提示一次，只计一次，以最后一次决定为准。',
        '可互认的申请：上述申请中，除去以“未收到外院影像资料”或“特定疾病持续监测”为由重新检查的申请（这两种理由只记录，不计入不互认）。',
        '互认率 = 互认数 ÷ 可互认的申请数（国家医疗质量控制目标的口径：结果被互认的 ÷ 患者已有的可互认结果）。只统计互认目录内的项目。',
        '未说明理由的重复检查：签署医嘱时仍未对提示作出决定的申请。',
        '节省费用：已互认项目按参考价格合计。',
        '需关注的医生：不互认率（1 − 互认率）与本科室相差超过两个标准误、且至少有 5 个可互认申请的医生。',
      ],
    },
    flagged: {
      heading: '需关注的医生',
      none: '本期间没有不互认率与科室明显不同的医生。',
      directions: { higher: '明显高于科室', lower: '明显低于科室' } satisfies Record<FlagDirection, string>,
      line: (doctor: string, department: string, rate: string, departmentRate: string, eligible: number) =>
        `${doctor}（${department}）：不互认率 ${rate}，科室 ${departmentRate}，可互认申请 ${eligible} 个`,
    },
    trend: {
      heading: '互认趋势',
      eligible: '可互认的申请',
      accepted: '互认',
      rate: '互认率',
      counts: '申请数',
      empty: '该期间没有提示。',
      loading: '正在载入…',
    },
    reasons: {
      heading: '不互认理由',
      counted: '计入不互认',
      notCounted: '不计入不互认',
      columns: { reason: '理由', count: '次数', counted: '是否计入' },
      empty: '该期间没有不互认的决定。',
      unknown: '未注明理由',
    },
    orders: {
      heading: '申请明细',
      columns: {
        createdAt: '提示时间',
        department: '科室',
        doctor: '开单医生',
        item: '项目',
        modality: '类别',
        outcome: '处理结果',
        reason: '理由',
        candidates: '可互认结果',
        yuan: '参考价格（元）',
        history: '处理记录',
      },
      open: (item: string) => `查看“${item}”的处理记录`,
      unknown: '未知',
    },
    breakdown: {
      heading: '分组统计',
      tabs: { department: '按科室', doctor: '按医生', item: '按项目', modality: '按类别' },
      columns: {
        orders: '申请',
        eligible: '可互认',
        accepted: '互认',
        overridden: '不互认',
        notCounted: '不计入',
        noDecision: '未处理',
        unexplained: '未说明理由',
        rate: '互认率',
        yuanSaved: '节省费用（元）',
      },
    },
    history: {
      title: (item: string) => `处理记录：${item}`,
      close: '关闭',
      loading: '正在载入处理记录…',
      card: (index: number, service: string, time: string) => `第 ${index} 次提示 · ${service} · ${time}`,
      services: { 'recognition-order-select': '开单时', 'recognition-order-sign': '签署时' } as Readonly<
        Record<string, string>
      >,
      orderedBy: (doctor: string, department: string | null) =>
        `开单医生：${doctor}${department ? `（${department}）` : ''}`,
      candidatesHeading: '提示的可互认结果',
      noDecision: '这次提示没有收到任何决定。',
      unexplained: '签署时仍未处理：记为未说明理由的重复检查。',
      columns: {
        version: '版本',
        decidedAt: '决定时间',
        outcome: '决定',
        who: '医生',
        source: '来源',
        notification: '患者告知',
      },
      notNotified: '未记录',
    },
    exports: {
      orders: '导出当前列表（CSV）',
      reportHeading: '月报',
      reportHint: '按月导出提交卫生健康委的互认情况月报（CSV，Excel 可直接打开）。',
      month: '月份',
      report: '下载月报（CSV）',
      downloading: '正在下载…',
      done: (name: string) => `已下载 ${name}`,
    },
    /** Issue 9 (figures the policy texts ask for) and issue 11 points 9-11. */
    policy: {
      scopes: { external: '外院结果', 'in-hospital': '本院结果', emergency: '急诊' } satisfies Record<
        OrderScope,
        string
      >,
      scopeFilter: '结果来源',
      scopeColumn: '结果来源',
      reasonIncomplete: (reason: string) => `${reason}（待补充说明）`,
      apart: {
        heading: '不计入互认率的申请',
        inHospital: '本院结果的重复检查',
        inHospitalHint: '患者已有本院近期结果：仍值得提醒，但不是检查检验结果互认，单独统计。',
        emergency: '急诊',
        emergencyHint: '互认主要适用于非急诊患者：急诊只作信息提示，签署时未处理不记为未说明理由的重复检查。',
        orders: '申请',
        prompts: '提示',
        accepted: '采用',
        repeated: '重新检查（有理由）',
        noDecision: '未处理',
        unexplained: '未说明理由',
        yuanSaved: '节省费用',
      },
      items: {
        heading: '本院互认的项目数',
        count: (count: number) => `本期互认 ${count} 项`,
        target: (label: string, target: number) => `${label}目标：超过 ${target} 项`,
        city: '地市域内',
        province: '省域内',
        source: '国家卫生健康委等 7 部门《关于进一步推进医疗机构检查检验结果互认的指导意见》（2024）。',
        progress: (label: string) => `相对${label}目标的进度`,
      },
      repeats: {
        heading: '同一患者的重复检查检验',
        summary: (orders: number, patients: number, more: number) =>
          `已有外院可互认结果仍重复检查 ${orders} 次，涉及患者 ${patients} 人，其中 ${more} 人超过一次。`,
        columns: { patient: '患者编号（脱敏）', item: '项目', count: '重复次数' },
        none: '本期间没有重复检查。',
      },
      exceptions: {
        heading: '不互认的患者告知',
        share: (informed: number, overridden: number, share: string) =>
          `计入不互认的 ${overridden} 个申请中，${informed} 个已告知患者或家属（${share}）。`,
        missing: (count: number) =>
          `其中 ${count} 个的理由缺少必需的说明（持续监测须注明疾病，“其他”须写明情况），补充前按不互认计。`,
      },
      history: {
        candidate: (institution: string, date: string, ageDays: number, daysLeft: number) =>
          `${institution} · ${date}（${ageDays === 0 ? '今日' : `${ageDays} 天前`}，有效期剩余 ${daysLeft} 天）`,
        own: (institution: string) => `本院（${institution}）`,
        explanation: '说明',
      },
      definitions: [
        '互认率只统计患者已有其他医疗机构可互认结果的申请；急诊申请（互认主要适用于非急诊患者）和只有本院结果的申请单独统计，不进入分母。',
        '持续监测未注明疾病、“其他”未写明情况的决定先按不互认计，在互认助手补充说明后才不计入。',
        '节省费用：开单项目有可互认结果时按其参考价格；组合项目（如肝功能）中只有部分子项有结果时，按这些子项的价格合计（不超过组合价格），因为不得以打包形式再次收费。',
        '互认项目数：本期从其他医疗机构互认的不同目录项目数，对照地市域 200 项、省域 300 项的目标。',
        '重复检查：已有外院可互认结果、仍以理由重新检查或签署时未处理的申请，按患者和项目统计。',
      ],
    },
  },
};

export type QualityMessages = typeof qualityZhCN;

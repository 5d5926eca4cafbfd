import type { ProblemKind } from '../shared/problems';
import type { ResultOrigin } from '../decisions/model';

/**
 * The strings of the decision screen and the app around it (launch, problems, language) in Simplified
 * Chinese, the default language. `en.ts` has the same keys. Each other feature has its own catalog in its
 * folder (`consoles/i18n`, `quality/i18n`, `admin/i18n`, `notification/i18n`, `demo/i18n`), loaded with its code.
 * Texts that come from the server (item names, reasons, warnings) arrive already in the language asked for.
 */
export const zhCN = {
  app: {
    title: '互认助手',
    languageLabel: '界面语言',
    languageNames: { 'zh-CN': '中文', en: 'English' },
    loading: '正在载入…',
    notFoundTitle: '页面不存在',
    notFoundText: '请从医生工作站的互认提示卡片打开互认助手。',
  },
  launch: {
    redirecting: '正在前往医生工作站的授权页面…',
    continueLink: '没有自动跳转？点击这里继续',
    completing: '正在完成登录并载入互认提示…',
  },
  openPrompts: {
    heading: '选择要处理的互认提示',
    intro: '医生工作站没有传递具体的卡片（appContext），以下是本次启动的患者近一天内尚未处理的互认提示：',
    choose: (item: string) => `处理：${item}`,
    line: (doctor: string | null, department: string | null, time: string) =>
      [time, department, doctor ? `开单医生：${doctor}` : null].filter(Boolean).join(' · '),
    none: '此次启动没有带上互认提示卡片的信息（医生工作站的 SMART 授权服务没有传递 appContext）。已按本次启动的患者查找：近一天内没有待处理的互认提示。',
    refused:
      '此次启动没有带上互认提示卡片的信息（医生工作站的 SMART 授权服务没有传递 appContext），也无法按患者查找待处理的提示：该工作站的 FHIR 服务器未在互认平台登记，或未能核实患者。请联系信息科。',
    loading: '正在查找该患者待处理的互认提示…',
  },
  his: {
    noCard: '此页面需从 HIS 的互认提示打开（链接只能使用一次）。请回到 HIS，在该医嘱上再次点击“互认提示”以取得新链接。',
    saved: '决定已保存，HIS 会收到结果。可以关闭此窗口。',
  },
  problems: {
    title: '无法继续',
    kinds: {
      'no-iss': '此地址缺少医生工作站的信息（iss），无法登录。',
      'no-card':
        '此次启动没有带上互认提示卡片的信息：医生工作站的 SMART 授权服务没有传递卡片（appContext），也未提供可核实患者的信息，无法查找待处理的提示。请信息科为本院工作站开通 appContext，或登记其 FHIR 服务器。',
      'bad-card': '互认提示卡片带来的信息无法识别。',
      authorization: '医生工作站的登录授权没有完成。',
      unreachable: '无法连接服务器，请检查网络后重试。',
      unavailable: '服务器暂时不可用，没有保存任何内容，请稍后重试。',
      'rate-limited': '请求过于频繁，请稍候一分钟再试。',
      expired:
        '此卡片的授权已过期，本次启动又没有提供可核实患者的信息，无法续期。请在医生工作站重新选择该医嘱，生成新的互认提示卡片。',
      'renewal-refused':
        '此卡片的授权已过期，续期未获批准（患者与卡片不一致，或卡片签发已超过30天）。请在医生工作站重新选择该医嘱，生成新的互认提示卡片。',
      unauthenticated: '授权无效或已失效。',
      forbidden: '此授权不属于这张互认提示卡片，无权查看或处理。',
      'not-found': '找不到这张互认提示（可能已被删除）。',
      'not-an-order-card': '这张卡片只用于查看外院结果，没有需要处理的决定。',
      locked: '该决定已锁定：决定只能在做出的当天修改。',
      'not-recognisable': '该结果已不再符合互认条件（可能刚过有效期），请重新选择。',
      'nothing-to-withdraw': '当前没有可以撤销的决定。',
      invalid: '提交的内容未通过校验，请检查后重试。',
      unexpected: '服务器出现意外错误，请稍后重试。',
    } satisfies Record<ProblemKind, string>,
    relaunch: '请关闭本页面，在医生工作站的互认提示卡片上重新点击“在互认助手中处理”。',
    technical: '技术信息',
    retry: '重试',
  },
  prompt: {
    patient: (name: string, facts: string) => `患者：${name}${facts ? `（${facts}）` : ''}`,
    unknownPatient: '患者',
    ageYears: (years: number) => `${years}岁`,
    genders: { male: '男', female: '女', other: '其他', unknown: '未知' },
    orderedItem: '申请项目',
    orderedBy: (name: string) => `开单医生：${name}`,
    recognisableHeading: (count: number, origin: ResultOrigin) =>
      ({
        external: `可互认的外院结果（${count}）`,
        own: `本院近期的结果（${count}）`,
        mixed: `可互认的外院结果及本院近期结果（${count}）`,
      })[origin],
    own: '本院',
    noneRecognisable: '目前没有可互认的外院结果（可能已过有效期），可以按需开单。',
    exceptionButton: '不采用，说明理由',
  },
  result: {
    mark: (mark: string) => `互认标识：${mark}`,
    noMark: '无互认标识',
    date: (date: string, ageDays: number) => `检查日期 ${date}（${ageDays === 0 ? '今天' : `${ageDays}天前`}）`,
    daysLeft: (daysLeft: number, lastDay: string) =>
      daysLeft === 0 ? `今天是有效期最后一天（${lastDay}）` : `有效期剩余${daysLeft}天（至${lastDay}）`,
    testSystem: (method: string, brand: string) => `检测系统：方法 ${method}，品牌 ${brand}`,
    notStated: '未注明',
    ours: (method: string, brand: string) => `本院：方法 ${method}，品牌 ${brand}`,
    accept: '采用此结果',
    acceptLabel: (institution: string, date: string) => `采用此结果：${institution} ${date}`,
  },
  report: {
    columns: { name: '项目', value: '结果', unit: '单位', range: '参考范围', flag: '提示' },
    flags: { high: '↑ 偏高', low: '↓ 偏低', abnormal: '异常', normal: '正常' },
    findings: '检查所见',
    impression: '外院诊断意见（仅供参考）',
    impressionNote: '外院医师出具的诊断结论，不属于互认内容。',
    empty: '无',
    viewImages: '查看影像（在新窗口打开）',
  },
  excluded: {
    heading: (count: number) => `未纳入互认的结果（${count}）`,
    title: (institution: string, level: string | null, report: string) =>
      `${institution}${level ? `（${level}）` : ''} · ${report}`,
    reasons: '未纳入原因：',
  },
  exception: {
    heading: '不采用外院结果，重新检查',
    headingOwn: '不采用本院近期结果，重新检查',
    reason: '不互认理由',
    notCountedGroup: '以下理由只作记录，不计入不互认：',
    explanation: '说明',
    explanationHint: '请写明具体情况',
    counter: (length: number, max: number) => `${length}/${max}`,
    notification: '患者告知',
    party: '告知对象',
    parties: { patient: '患者本人', family: '家属', guardian: '监护人' },
    method: '告知方式',
    methods: { verbal: '口头', written: '书面', electronic: '电子' },
    notifiedAt: '告知时间',
    notifiedBy: '告知人',
    submit: '保存决定',
    cancel: '取消',
    printSheet: '打印患者知情告知书',
    fixErrors: '请先更正标出的各项。',
    errors: {
      reasonRequired: '请选择不互认理由',
      explanationRequired: '该理由需要填写说明',
      explanationTooLong: (max: number) => `说明不能超过${max}字`,
      partyRequired: '请选择告知对象',
      methodRequired: '请选择告知方式',
      notifiedAtRequired: '请填写告知时间',
      notifiedAtInvalid: '告知时间无效',
      notifiedByRequired: '请填写告知人',
      notifiedByTooLong: (max: number) => `告知人不能超过${max}字`,
      rejected: '服务器未接受此项，请检查后重新提交',
      rejectedOther: (field: string) => `服务器未接受“${field}”，请从卡片重新打开后再试`,
    },
  },
  busy: {
    saving: '正在保存决定…',
    writing: '正在写入病历…',
    reporting: '正在上报写入结果…',
    withdrawing: '正在撤销决定…',
  },
  decision: {
    heading: '当前决定',
    afterSigning:
      '此决定在医嘱签署之后做出：检查已经开出，本决定不计入节约费用。如已不需要该检查，请在工作站撤销医嘱。',
    accepted: (institution: string, date: string) => `已采用 ${institution} ${date} 的结果，不重复检查`,
    acceptedUnknown: '已采用外院结果，不重复检查',
    overridden: (reason: string) => `不采用外院结果，重新检查：${reason}`,
    overriddenOwn: (reason: string) => `不采用本院近期结果，重新检查：${reason}`,
    unknownReason: '未注明理由',
    explanation: (text: string) => `说明：${text}`,
    notified: (time: string, by: string, method: string, party: string) => `${time} 由${by}${method}告知${party}`,
    by: (who: string, when: string, source: string) => `${who} · ${when} · 来源：${source}`,
    unknownPractitioner: '未知医生',
    sources: { 'cds-feedback': '医生工作站卡片', 'smart-app': '互认助手', 'his-popup': 'HIS 弹窗' },
    incomplete: '此决定来自医生工作站卡片，尚缺患者告知记录。',
    complete: '补充告知信息',
    cancelOrder: (item: string) => `请在医生工作站撤销本次“${item}”申请：互认助手不修改医嘱。`,
    withdraw: '撤销决定',
    change: '更改决定',
    locked: '决定已锁定：只能在做出决定的当天修改。',
    withdrawn: '之前的决定已撤销，请重新选择。',
    writtenStays: '撤销前已写入病历的外院结果不会自动删除，请在医生工作站处理。',
  },
  writeBack: {
    written: '已写入病历。',
    refused: '病历未更新：医生工作站拒绝写入该结果。互认决定仍然有效。',
    reason: (detail: string) => `原因：${detail}`,
    notYet: '该结果尚未写入病历。',
    write: '写入病历',
    retry: '重试写入',
    unreported: '写入病历的结果未能告知互认服务器。',
    retryReport: '重新上报',
  },
  history: {
    heading: '决定记录',
    columns: { version: '版本', when: '时间', outcome: '决定', who: '医生', source: '来源', state: '状态' },
    outcomes: { accepted: '采用外院结果', overridden: '不采用，重新检查', withdrawn: '撤销' },
    complete: '完整',
    incomplete: '待补充',
    written: '已写入病历',
    refused: '写入被拒',
  },
  time: {
    format: 'YYYY-MM-DD HH:mm',
  },
};

export type Messages = typeof zhCN;

import type { Messages } from './messages';

const LEVELS = { 1: '一级', 2: '二级', 3: '三级' } as const;

const when = (ageDays: number) => (ageDays === 0 ? '今日' : `${ageDays}天前`);

export const zhCN: Messages = {
  serviceTitle: {
    patientView: '外院可互认结果提示',
    orderSelect: '检查检验结果互认提醒（开单）',
    orderSign: '检查检验结果互认提醒（签署）',
  },
  serviceDescription: {
    patientView: '打开患者病历时，列出其在有效期内、可互认的外院检查检验结果（仅供查看）。',
    orderSelect: '医生选择检查检验项目时，若患者已有可互认的近期结果，提示医生采用外院结果或记录不互认理由。',
    orderSign: '签署医嘱时再次核对：仍为重复检查且未说明理由的，记为未说明理由的重复检查。',
  },
  sourceLabel: 'Huren 互认',
  topicDisplay: '检查检验结果互认',
  orderSummary: (item, institution, date, ageDays, own) =>
    own
      ? `${item}：患者${when(ageDays)}（${date}）已在本院检查，结果仍在有效期内，建议不重复检查`
      : `${item}：患者${when(ageDays)}（${date}）在${institution}的结果可互认，建议不重复检查`,
  informSummary: (item, institution, date, ageDays, own) =>
    `${item}：患者${when(ageDays)}（${date}）在${own ? '本院' : institution}有结果可供参考（急诊）`,
  panelSummary: (panel, analytes) => `${panel}：其中${analytes.join('、')}已有可互认结果，不得重复收费`,
  historySummary: (count, own) =>
    own === 0
      ? `患者有${count}项外院检查检验结果在有效期内可互认`
      : `患者有${count}项检查检验结果在有效期内（外院${count - own}项，本院${own}项）`,
  emergencyNote: '急诊就诊：以下结果可供参考，是否重新检查由接诊医生根据病情决定。',
  recognisableHeading: '可互认结果（由近到远）',
  orderedItem: '申请项目',
  hospitalItemName: '本院项目名称',
  level: (level, grade) => `${LEVELS[level]}${grade ? (grade.endsWith('等') ? grade : `${grade}等`) : ''}`,
  resultLine: (date, ageDays, daysLeft) => `${date}（${when(ageDays)}，${daysLeft === 0 ? '今日到期' : `有效期剩余${daysLeft}天`}）`,
  origin: (own) => (own ? '本院' : '外院'),
  markLabel: '互认标识',
  testSystemLabel: '检测系统',
  methodLabel: '方法',
  brandLabel: '品牌',
  methodDiffers: (ours) => `⚠ 与本院检测系统（${ours}）不同，参考区间可能不同，请结合临床判断。`,
  labColumns: ['项目', '结果', '单位', '参考范围', '提示'],
  findingsLabel: '检查所见',
  impressionLabel: (own) => (own ? '本院诊断意见（仅供参考）' : '外院诊断意见（仅供参考）'),
  standsFor: (via, item) => `${via}包含${item}的检查内容，其结果可替代本次申请`,
  panelHeading: '套餐中已有可互认结果的项目（不得重复收费）',
  viewImages: '查看影像',
  moreResults: (count) => `另有${count}项可互认结果，请在互认助手中查看。`,
  acceptSuggestion: (institution, date, own) => (own ? `采用本院${date}的结果，撤销本次申请` : `采用${institution}${date}的结果，撤销本次申请`),
  acceptPanelSuggestion: (analytes) => `采用已有的${analytes.join('、')}结果，记入病历`,
  deleteOrder: (item) => `撤销未签署的“${item}”申请`,
  recordResult: (item, institution, date) => `将${institution}${date}的“${item}”结果记入病历`,
  openApp: '在互认助手中处理（采用或说明理由）',
  historyColumns: ['项目', '机构', '日期', '有效期'],
  daysLeft: (days) => (days === 0 ? '今日到期' : `剩余${days}天`),
  exceptionReasons: {
    'condition-changed': '病情变化，原结果与当前临床表现不符',
    'rapid-change': '检查检验结果在疾病进程中变化较快',
    'major-intervention': '即将进行重大医疗干预（手术、输血等）',
    emergency: '急诊、急救等紧急情况',
    'forensic-assessment': '司法鉴定、伤残或退休鉴定等需要',
    'quality-insufficient': '图像质量或检测方法不能满足诊疗需要',
    'patient-request': '患者或家属要求复查',
    other: '其他（需说明）',
    'images-not-received': '未收到外院影像资料（不计入不互认）',
    'continuous-monitoring': '特定疾病持续监测（不计入不互认，需注明疾病）',
  },
  exclusionReasons: {
    'status.not-final': '报告状态不是最终或修正报告（如初步报告、已取消、录入错误）',
    'window.expired': '已超过该项目的互认有效期',
    'window.future': '结果时间晚于当前时间，时间有误',
    'institution.unknown': '出具结果的机构未在平台登记',
    'qualification.none': '出具机构没有该项目（或所属专业）的质控合格资质',
    'qualification.not-valid-on-date': '出具机构的质控资质在结果日期不在有效期内',
    'qualification.failed': '出具机构该项目质控评价未通过',
    'qualification.withdrawn': '出具机构的互认标识在结果日期前已被撤销',
    'qualification.overdue': '出具机构该项目最近一次质量评价距结果日期已超过本地区规定的间隔（如半年一次）',
    'mark.missing': '报告未带本地区要求的互认标识',
    'scope.region': '出具机构所在地区与本地区无互认协议',
    'scope.lower-level': '下级机构结果：本院仅认可同一医联体内下级机构的结果',
    'scope.off-list': '该项目不在本地区互认目录中，仅在同一紧密型医联体（医共体）内互认',
    'brand.not-stated': '该项目需注明检测系统品牌，报告未注明',
    'method.not-stated': '该项目需注明检测方法，报告未注明',
    'method.mismatch': '检测方法或品牌与本院不同，本院要求一致',
  },
  orderRefusals: {
    'item.unmapped': '申请项目未对应互认目录中的项目（请检查本院项目对照）',
    'item.inactive': '该项目已不在现行互认目录中',
    'item.disabled': '本院已停用该项目（或其所属专业）的互认提醒',
  },
  warnings: {
    'method.differs': '检测方法与本院不同，参考区间可能不同',
    'brand.differs': '检测系统品牌与本院不同，参考区间可能不同',
  },
  encounterKinds: { emergency: '急诊', inpatient: '住院', outpatient: '门诊', unknown: '未知' },
  assessmentOutcomes: {
    assessed: '已按互认规则逐项判断',
    'no-orders': '没有待签署的检查检验申请（ServiceRequest），无需判断',
    'patient-not-identifiable': '患者资料中没有身份证号（或配置的证件类型），无法匹配外院结果',
  },
  quality: {
    outcomes: { accepted: '已互认', overridden: '不互认（有理由）', 'not-counted': '不计入（影像未收到/持续监测）', 'no-decision': '未处理', 'unexplained-repeat': '未说明理由的重复检查' },
    orderColumns: ['提示时间', '科室', '开单医生', '项目编码', '项目', '类别', '可互认结果数', '处理结果', '理由编码', '理由', '说明', '已告知患者', '决定来源', '决定时间', '参考价格（元）', '提示编号'],
    report: {
      title: (month, hospital) => `${hospital} ${month} 检查检验结果互认月报`,
      totals: '总体',
      totalRows: { prompts: '提示次数', orders: '提示的申请数', eligible: '可互认的申请数', accepted: '互认数', rate: '互认率', overridden: '不互认数（计入）', notCounted: '不计入的理由数', noDecision: '未处理数', unexplained: '未说明理由的重复检查', yuanSaved: '节省费用（元）' },
      groupColumns: ['名称', '可互认', '互认', '不互认', '未处理', '未说明理由', '互认率', '节省费用（元）'],
      byDepartment: '按科室',
      byModality: '按类别（检验/DR/CT/MR/超声/核医学）',
      byItem: '按项目',
      reasons: '不互认理由',
      reasonColumns: ['理由', '次数', '是否计入不互认'],
      counted: '计入',
      notCounted: '不计入',
    },
  },
  writeBack: {
    tag: '外院结果互认',
    conclusion: (institution, date, title) => `互认外院结果：${institution} ${date} ${title}`,
  },
  flags: { H: '↑ 偏高', L: '↓ 偏低', HH: '↑↑ 危急偏高', LL: '↓↓ 危急偏低', A: '异常', AA: '危急异常', N: '正常' },
  authorizationRefused: {
    title: '无法完成互认助手的登录授权',
    reasons: {
      launch: '此次启动已失效或无法识别（启动信息只在 10 分钟内有效，服务重启后也会失效）。请回到医生工作站，在互认提示卡片上重新点击“在互认助手中处理”。',
      request: '授权请求不完整，或不是来自互认助手。请回到医生工作站，从互认提示卡片重新打开互认助手。',
    },
    technical: '技术信息',
  },
  signReminderSummary: (item) => `签署前：仍未对可互认结果作出决定（${item}）`,
  signReminderNote: '选择医嘱时已提示此项目有可互认的外院结果，至今未作决定。请采用外院结果（撤销该医嘱），或说明不采用的理由；直接签署将记为未说明理由的重复检查。',
  mappingRefusals: {
    notCsv: (detail) => `不是有效的 CSV 文件：${detail}`,
    header: '表头需要“本院编码、本院名称、互认项目编码”三列（或 local_code、local_name、item_code）',
    emptyCode: '本院编码为空',
    codeTooLong: '本院编码超过 64 个字符',
    duplicate: (code) => `本院编码 ${code} 在文件中重复出现`,
    unknownItem: (code) => `互认目录中没有项目编码 ${code}`,
    emptyItem: '互认项目编码为空',
  },
};

/** The strings of the patient notification sheet (患者知情告知书) in Simplified Chinese; `en.ts` has the same keys. Loaded with the feature's code. */
export const sheetZhCN = {
  sheet: {
    open: '患者知情告知书',
    language: '告知书语言',
    print: '打印',
    close: '关闭',
    loading: '正在准备告知书…',
    title: '患者知情告知书',
    subtitle: '（检查检验结果互认 · 重复检查）',
    patientName: '患者姓名：',
    gender: '性别：',
    age: '年龄：',
    department: '科室：',
    item: '检查检验项目：',
    existingResults: '您已有下列外院结果，按规定可以互认：',
    existingOwnResults: '您近期已在本院做过该项检查检验：',
    ownResult: '（本院）',
    /** The result set aside: where, when, and what it said (values, or the findings), never the other doctor's conclusion. */
    resultLine: (institution: string, date: string, said: string) =>
      said ? `${institution}，${date}：${said}` : `${institution}，${date}`,
    value: (name: string, value: string, unit: string | null, flag: string | null) =>
      `${name} ${value}${unit ? ` ${unit}` : ''}${flag ? `（${flag}）` : ''}`,
    valueSeparator: '；',
    findings: (text: string) => `检查所见：${text}`,
    decision: '经医生评估，本次不采用上述结果，需要重新检查，理由如下：',
    reason: '理由',
    explanation: '说明',
    purposeHeading: '重新检查的目的和必要性',
    purpose:
      '为准确掌握您目前的病情、保障诊疗安全，医生建议重新进行该项检查。重新检查将按规定收费。如有疑问，请向医生咨询。',
    purposeOnRequest: '应您（或家属）的要求重新进行该项检查。重新检查将按规定收费。如有疑问，请向医生咨询。',
    acknowledgement: '本人已知晓重新检查的理由、目的和必要性。',
    patientSignature: '患者或家属签字：',
    relation: '与患者关系：',
    doctorSignature: '医生签字：',
    date: '日期：',
    dateFormat: 'YYYY年M月D日 HH:mm',
    recordNumbers: { outpatient: '门诊号：', inpatient: '住院号：', unknown: '门诊号/住院号：' },
    idNumber: '身份证号：',
    notificationHeading: '告知情况',
    notifiedParty: '告知对象：',
    notifiedMethod: '告知方式：',
    notifiedBy: '告知医生：',
    notifiedAt: '告知时间：',
  },
};

export type SheetMessages = typeof sheetZhCN;

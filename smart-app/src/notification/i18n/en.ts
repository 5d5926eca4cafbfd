import type { SheetMessages } from './zh-CN';

/** The strings of the patient notification sheet (患者知情告知书) in English; exactly the keys of the Chinese catalog. */
export const sheetEn = {
  sheet: {
    open: 'Patient notification sheet',
    language: 'Sheet language',
    print: 'Print',
    close: 'Close',
    loading: 'Preparing the sheet…',
    title: 'Patient notification',
    subtitle: '(recognition of examination results · repeat examination)',
    patientName: 'Patient: ',
    gender: 'Sex: ',
    age: 'Age: ',
    department: 'Department: ',
    item: 'Examination: ',
    existingResults: 'You already have these external results, which may be recognised under the rules:',
    existingOwnResults: 'You recently had this examination at this hospital:',
    ownResult: ' (this hospital)',
    resultLine: (institution: string, date: string, said: string) =>
      said ? `${institution}, ${date}: ${said}` : `${institution}, ${date}`,
    value: (name: string, value: string, unit: string | null, flag: string | null) =>
      `${name} ${value}${unit ? ` ${unit}` : ''}${flag ? ` (${flag})` : ''}`,
    valueSeparator: '; ',
    findings: (text: string) => `Findings: ${text}`,
    decision: 'Having assessed your case, the doctor does not use these results and repeats the examination, because:',
    reason: 'Reason',
    explanation: 'Explanation',
    purposeHeading: 'Purpose and necessity of the repeat',
    purpose:
      'To know your present condition precisely and to keep your care safe, the doctor advises repeating this examination. The repeat is charged as usual. Ask your doctor if you have questions.',
    purposeOnRequest:
      'The examination is repeated at your (or your family’s) request. It is charged as the rules say. Ask your doctor if anything is unclear.',
    acknowledgement: 'I have been told the reason, purpose and necessity of repeating the examination.',
    patientSignature: 'Signature of the patient or family member: ',
    relation: 'Relation to the patient: ',
    doctorSignature: "Doctor's signature: ",
    date: 'Date: ',
    dateFormat: 'D MMMM YYYY HH:mm',
    recordNumbers: {
      outpatient: 'Outpatient no.: ',
      inpatient: 'Inpatient no.: ',
      unknown: 'Outpatient/inpatient no.: ',
    },
    idNumber: 'ID number: ',
    notificationHeading: 'Notification',
    notifiedParty: 'Informed: ',
    notifiedMethod: 'How: ',
    notifiedBy: 'Informed by (doctor): ',
    notifiedAt: 'When: ',
  },
} satisfies SheetMessages;

import { ownValue } from '../web/own-key';
import type { Messages } from './messages';

const GRADES: Record<string, string> = { 甲: 'A', 乙: 'B', 丙: 'C' };
const LEVELS = { 1: 'Primary', 2: 'Secondary', 3: 'Tertiary' } as const;

const when = (ageDays: number) => (ageDays === 0 ? 'today' : `${ageDays} d ago`);

export const en: Messages = {
  serviceTitle: {
    patientView: 'Recognisable external results',
    orderSelect: 'Result recognition reminder (ordering)',
    orderSign: 'Result recognition reminder (signing)',
  },
  serviceDescription: {
    patientView:
      "When a chart opens, lists the patient's external results still within their recognition window (view only).",
    orderSelect:
      'When an exam or lab test is selected and the patient already has a recent recognisable result, suggests reusing it or recording why not.',
    orderSign: 'Checks again at signing: a repeat still without a decision is logged as an unexplained repeat.',
  },
  sourceLabel: 'Huren result recognition',
  topicDisplay: 'Result recognition',
  orderSummary: (item, institution, date, ageDays, own) =>
    own
      ? `${item}: done at our hospital ${when(ageDays)} (${date}) and still within its window; consider not repeating`
      : `${item}: a result from ${institution} ${when(ageDays)} (${date}) is recognisable; consider not repeating`,
  informSummary: (item, institution, date, ageDays, own) =>
    `${item}: a result from ${own ? 'our hospital' : institution} ${when(ageDays)} (${date}) may be referred to (emergency)`,
  panelSummary: (panel, analytes) =>
    `${panel}: ${analytes.join(', ')} already have recognisable results; do not charge them again`,
  historySummary: (count, own) =>
    own === 0
      ? `${count} external result${count === 1 ? '' : 's'} within the recognition window`
      : `${count} result${count === 1 ? '' : 's'} within the recognition window (${count - own} external, ${own} from our hospital)`,
  hisValue: (name, value, unit, range, flag) =>
    `${name} ${value}${unit ? ` ${unit}` : ''}${range ? ` (ref. ${range})` : ''}${flag ? ` ${flag}` : ''}`,
  hisNextStep: 'Accept the external result to avoid the repeat; to repeat it, choose a reason and tell the patient.',
  hisPanelNextStep: 'These analytes are not charged again; the rest of the panel is done as usual.',
  emergencyNote: "Emergency encounter: these results may be referred to; whether to repeat is the doctor's call.",
  recognisableHeading: 'Recognisable results (most recent first)',
  orderedItem: 'Ordered item',
  hospitalItemName: 'Our item name',
  // 甲乙丙 are the grades' Chinese names: A, B, C in English.
  level: (level, grade) => `${LEVELS[level]}${grade ? ` grade ${ownValue(GRADES, grade) ?? grade}` : ''}`,
  colon: ': ',
  aside: (text) => ` (${text})`,
  listSeparator: '; ',
  resultLine: (date, ageDays, daysLeft) =>
    `${date} (${when(ageDays)}; ${daysLeft === 0 ? 'last day in window' : `${daysLeft} d left in window`})`,
  origin: (own) => (own ? 'Our hospital' : 'External'),
  markLabel: 'Recognition mark',
  testSystemLabel: 'Test system',
  methodLabel: 'method',
  brandLabel: 'brand',
  methodDiffers: (ours) => `⚠ Differs from our test system (${ours}); reference intervals may differ.`,
  labColumns: ['Test', 'Result', 'Unit', 'Reference range', 'Flag'],
  findingsLabel: 'Findings',
  impressionLabel: (own) => (own ? 'Our impression (for reference only)' : 'External impression (for reference only)'),
  standsFor: (via, item) => `${via} includes what ${item} examines; its result can stand for this order`,
  panelHeading: 'Analytes of this panel with recognisable results (not to be charged again)',
  viewImages: 'View images',
  moreResults: (count) => `${count} more recognisable result${count === 1 ? '' : 's'} in the Huren app.`,
  acceptSuggestion: (institution, date, own) =>
    `Use the ${date} result from ${own ? 'our hospital' : institution}; cancel this order`,
  acceptPanelSuggestion: (analytes) => `Use the existing ${analytes.join(', ')} results; record them in the chart`,
  deleteOrder: (item) => `Remove the unsigned order for ${item}`,
  recordResult: (item, institution, date) => `Record the ${date} ${item} result from ${institution} in the chart`,
  openApp: 'Decide in the Huren app (accept or give a reason)',
  historyColumns: ['Item', 'Institution', 'Date', 'Window'],
  daysLeft: (days) => (days === 0 ? 'last day' : `${days} d left`),
  exceptionReasons: {
    'condition-changed': 'Condition changed; the result no longer fits the clinical picture',
    'rapid-change': 'The result changes fast as this disease evolves',
    'major-intervention': 'A major intervention is ahead (surgery, transfusion)',
    emergency: 'Emergency or resuscitation',
    'forensic-assessment': 'Forensic, disability or retirement assessment',
    'quality-insufficient': 'Image quality or method does not meet the diagnostic need',
    'patient-request': 'The patient or family asks for a repeat',
    other: 'Other (explain)',
    'images-not-received': 'External images not received (not counted as non-recognition)',
    'continuous-monitoring': 'Continuous monitoring of a named disease (not counted as non-recognition)',
  },
  exclusionReasons: {
    'status.not-final': 'The report is not final or amended (preliminary, cancelled, entered in error)',
    'window.expired': "Older than the item's recognition window",
    'window.future': 'Dated after now; the time is wrong',
    'institution.unknown': 'The performing institution is not registered on the platform',
    'qualification.none': 'The performing institution holds no quality qualification for this item or its discipline',
    'qualification.not-valid-on-date': "The institution's qualification was not valid on the result date",
    'qualification.failed': "The institution's quality evaluation for this item failed",
    'qualification.withdrawn': "The institution's recognition mark was withdrawn by the result date",
    'qualification.overdue':
      "The institution's latest assessment of this item is older than the region's interval (e.g. six months) on the result date",
    'mark.missing': 'The report lacks the recognition mark this region requires',
    'scope.region': "The institution's region has no recognition agreement with ours",
    'scope.lower-level': 'A lower-level institution outside our medical alliance',
    'scope.off-list': "The item is not on the region's list; it is recognised only within one close alliance",
    'brand.not-stated': "This item must state the test system's brand; the report does not",
    'method.not-stated': 'This item must state its method; the report does not',
    'method.mismatch': 'Method or brand differs from ours, and our hospital requires a match',
    'panel.incomplete': 'The panel report lacks analytes the catalog lists: it stands only for those it holds',
  },
  orderRefusals: {
    'item.unmapped': 'The order maps to no item of the recognition catalog (check the local code mapping)',
    'item.inactive': 'The item is no longer in the active catalog',
    'item.disabled': 'Our hospital switched recognition prompts off for this item or its discipline',
  },
  warnings: {
    'method.differs': 'Method differs from ours; reference intervals may differ',
    'brand.differs': 'Test system brand differs from ours; reference intervals may differ',
  },
  encounterKinds: { emergency: 'Emergency', inpatient: 'Inpatient', outpatient: 'Outpatient', unknown: 'Unknown' },
  assessmentOutcomes: {
    assessed: 'Every order judged by the recognition rules',
    'no-orders': 'No draft exam or lab order (ServiceRequest) to judge',
    'patient-not-identifiable':
      'The Patient carries no national identifier of the configured systems, so no external result can be matched',
  },
  quality: {
    outcomes: {
      accepted: 'Recognised',
      overridden: 'Not recognised (reason given)',
      'not-counted': 'Not counted (images not received / monitoring)',
      'no-decision': 'No decision',
      'unexplained-repeat': 'Unexplained repeat',
    },
    timeColumn: (name, offset) => `${name} (UTC${offset})`,
    orderColumns: [
      'Prompted at',
      'Department',
      'Doctor',
      'Item code',
      'Item',
      'Modality',
      'Result from',
      'Recognisable results',
      'Outcome',
      'Reason',
      'Explanation',
      'Patient informed (who, how, when, by)',
      'Decided in',
      'Decided at',
      'Reference price (yuan)',
      'Prompt id',
    ],
    report: {
      title: (month, hospital) => `${hospital}: result recognition, ${month}`,
      totals: 'Totals',
      totalRows: {
        prompts: 'Cards shown',
        orders: 'Orders prompted',
        eligible: 'Eligible orders',
        accepted: 'Recognised',
        rate: 'Recognition rate',
        overridden: 'Not recognised (counted)',
        notCounted: 'Reasons not counted',
        noDecision: 'No decision',
        unexplained: 'Unexplained repeats',
        yuanSaved: 'Yuan saved',
      },
      groupColumns: [
        'Name',
        'Eligible',
        'Recognised',
        'Not recognised',
        'No decision',
        'Unexplained',
        'Rate',
        'Yuan saved',
      ],
      byDepartment: 'By department',
      byModality: 'By modality (lab / DR / CT / MR / US / NM)',
      byItem: 'By item',
      reasons: 'Reasons for not recognising',
      reasonColumns: ['Reason', 'Count', 'Counted'],
      counted: 'counted',
      notCounted: 'not counted',
      inHospital: 'Repeats of our own results (outside the recognition rate)',
      emergency: 'Emergency (information only, outside the recognition rate)',
      scopeRows: {
        prompts: 'Cards shown',
        orders: 'Orders',
        accepted: 'Accepted',
        overridden: 'Repeated (reason given)',
        noDecision: 'No decision',
        unexplained: 'Unexplained repeats',
        yuanSaved: 'Yuan saved',
      },
      recognisedItems: 'Items recognised by our hospital (national targets: over 200 per city, over 300 per province)',
      recognisedItemRows: (count, city, province) => [
        ['Items recognised in the period', count],
        ['City target (items)', city],
        ['Province target (items)', province],
      ],
      repeats: 'Repeat examinations of the same patient',
      repeatRows: {
        orders: 'Orders repeated despite a recognisable external result',
        patients: 'Patients',
        patientsWithMoreThanOne: 'Patients repeated more than once',
      },
      repeatColumns: ['Patient (pseudonymised)', 'Item code', 'Item', 'Repeats'],
      exceptions: 'Exceptions (counted) and patient information',
      exceptionRows: {
        overridden: 'Not recognised (counted)',
        informed: 'Patient or family informed',
        informedShare: 'Share informed',
        explanationMissing: 'Of which still missing the explanation',
      },
    },
    scopes: { external: 'External result', 'in-hospital': 'Our own result', emergency: 'Emergency' },
    modalities: {
      LAB: 'Lab',
      DX: 'X-ray (DR)',
      CR: 'X-ray (CR)',
      CT: 'CT',
      MR: 'MRI',
      US: 'Ultrasound',
      NM: 'Nuclear medicine',
      OT: 'Other',
    },
    sources: { 'cds-feedback': 'EHR card', 'smart-app': 'Huren app', 'his-popup': 'HIS popup' },
    reasonNames: {
      other: 'Other',
      'images-not-received': 'External images not received',
      'continuous-monitoring': 'Continuous monitoring of a named disease',
    },
    notificationParties: { patient: 'patient', family: 'family', guardian: 'guardian' },
    notificationMethods: { verbal: 'verbally', written: 'in writing', electronic: 'electronically' },
    notification: (party, method, at, by) => `${party}, ${method}, ${at}, by ${by}`,
    explanationMissing: 'explanation missing',
  },
  writeBack: {
    tag: 'External result recognised',
    conclusion: (institution, date, title) => `Recognised external result: ${institution}, ${date}, ${title}`,
  },
  flags: {
    H: '↑ high',
    L: '↓ low',
    HH: '↑↑ critical high',
    LL: '↓↓ critical low',
    A: 'abnormal',
    AA: 'critical',
    N: 'normal',
  },
  authorizationRefused: {
    title: 'The recognition assistant could not be signed in',
    reasons: {
      launch:
        "This launch has expired or is unknown (a launch is valid for 10 minutes, and not after a restart). Go back to the doctor's workstation and open the assistant again from the recognition card.",
      request:
        "The authorization request is incomplete or does not come from the recognition assistant. Open the assistant again from the recognition card in the doctor's workstation.",
    },
    technical: 'Technical detail',
  },
  signReminderSummary: (item, kind) =>
    ({
      external: `Before signing: still no decision on the recognisable result for ${item}`,
      own: `Before signing: still no decision on this hospital's recent result for ${item}`,
      emergency: `Before signing: recent results of ${item} for reference (emergency)`,
      panel: `Before signing: some analytes of ${item} already have recognisable results`,
    })[kind],
  signReminderNote: {
    external:
      'This order was prompted when it was selected and is still undecided. Use the external result (withdrawing the order) or give the reason for repeating it; signing it as it is records an unexplained repeat.',
    own: 'This order was prompted when it was selected: this hospital has a recent result of it. Use that result (withdrawing the order) or give the reason for repeating it; signing it as it is records an unexplained repeat.',
    emergency:
      "Emergency encounter: these results are for reference only; whether to repeat is the doctor's call. Signing records no repeat.",
    panel:
      'These analytes of the panel already have recognisable results and are not charged again; the rest of the panel is done as usual. Signing records no repeat.',
  },
  registryUnknown: {
    region: (code) => `unknown region ${code}`,
    alliance: (id) => `unknown alliance ${id}`,
    institution: (id) => `unknown institution ${id}`,
    item: (code) => `no catalog item ${code}`,
  },
  provinceCsvHeader: [
    'Rank',
    'Institution code',
    'Institution',
    'Region',
    'Level',
    'Prompted orders',
    'Eligible',
    'Recognised',
    'Recognition rate',
    'Declined',
    'No decision',
    'Unexplained repeats',
    'Saved (yuan)',
    'Items recognised',
    '200 items reached',
    '300 items reached',
  ],
  mappingRefusals: {
    notCsv: (detail) => `not a valid CSV file: ${detail}`,
    header: 'the header needs the columns local_code, local_name, item_code (or 本院编码, 本院名称, 互认项目编码)',
    emptyCode: 'empty local code',
    tooLong: (column, max) =>
      `${{ localCode: 'local code', localName: 'local name', itemCode: 'item code', system: 'code system' }[column]} longer than ${max} characters`,
    duplicate: (code) => `local code ${code} appears twice`,
    unknownSystem: (system, registered) =>
      `code system ${system} is not registered for this hospital (registered: ${registered.join(', ') || 'none'}); ask the regional platform to register it`,
    noSystem:
      'this hospital has no local code system registered yet: ask the regional platform to register one with the institution, then upload',
    unknownItem: (code) => `no catalog item ${code}`,
    emptyItem: 'empty catalog item code',
  },
};

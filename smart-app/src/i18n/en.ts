import type { Messages } from './zh-CN';
import type { ResultOrigin } from '../decisions/model';

/** The decision screen's strings in English; exactly the keys of the Chinese catalog. */
export const en = {
  app: {
    title: 'Huren recognition assistant',
    languageLabel: 'Language',
    languageNames: { 'zh-CN': '中文', en: 'English' },
    loading: 'Loading…',
    notFoundTitle: 'Page not found',
    notFoundText: "Open the recognition assistant from the recognition card in the doctor's workstation.",
  },
  launch: {
    redirecting: "Going to the workstation's sign-in page…",
    continueLink: 'Not redirected? Continue here',
    completing: 'Completing sign-in and loading the card…',
  },
  openPrompts: {
    heading: 'Choose the recognition card to handle',
    intro:
      "The workstation passed no card (appContext). These are the launch patient's cards of the past day still undecided:",
    choose: (item: string) => `Handle: ${item}`,
    line: (doctor: string | null, department: string | null, time: string) =>
      [time, department, doctor ? `ordered by ${doctor}` : null].filter(Boolean).join(' · '),
    none: "This launch did not bring a recognition card (the workstation's SMART server passed no appContext). Searched by the launch's patient: no card of the past day is waiting.",
    refused:
      "This launch did not bring a recognition card (the workstation's SMART server passed no appContext), and open cards cannot be found by patient: the workstation's FHIR server is not registered with the platform, or the patient could not be confirmed. Contact IT.",
    loading: "Looking for the patient's open cards…",
  },
  his: {
    noCard:
      'Open this page from the recognition prompt in the HIS (its link works once). Go back to the HIS and open the prompt on this order again for a new link.',
    saved: 'Decision saved; the HIS will receive it. You may close this window.',
  },
  problems: {
    title: 'Cannot continue',
    kinds: {
      'no-iss': "This address lacks the workstation's server (iss); sign-in is not possible.",
      'no-card':
        "This launch did not bring a recognition card: the workstation's SMART server passed no appContext and nothing to confirm the patient with, so open cards cannot be found. Ask IT to enable appContext for this workstation, or to register its FHIR server.",
      'bad-card': 'The information the recognition card brought cannot be read.',
      authorization: "The workstation's sign-in did not complete.",
      unreachable: 'The server cannot be reached. Check the network and try again.',
      unavailable: 'The server is briefly unavailable; nothing was saved. Try again shortly.',
      'rate-limited': 'Too many requests. Wait a minute and try again.',
      expired:
        "This card's authorization has expired and this launch brought nothing to confirm the patient with, so it cannot be renewed. Select the order again in the workstation to get a new card.",
      'renewal-refused':
        "This card's authorization has expired and renewal was refused (the patient differs from the card's, or the card is older than 30 days). Select the order again in the workstation to get a new card.",
      unauthenticated: 'The authorization is not valid (any more).',
      forbidden: 'This authorization does not belong to this recognition card.',
      'not-found': 'This recognition card cannot be found (it may have been deleted).',
      'not-an-order-card': 'This card only lists external results; there is no decision to take.',
      locked: 'This decision is locked: a decision can only be changed on the day it was made.',
      'not-recognisable': 'This result is no longer recognisable (its window may just have closed). Choose again.',
      'nothing-to-withdraw': 'There is no decision to take back.',
      invalid: 'The server did not accept the input. Check it and try again.',
      unexpected: 'The server had an unexpected error. Try again later.',
    },
    relaunch: "Close this page and open it again from the recognition card in the doctor's workstation.",
    technical: 'Technical detail',
    retry: 'Try again',
  },
  prompt: {
    patient: (name: string, facts: string) => `Patient: ${name}${facts ? ` (${facts})` : ''}`,
    unknownPatient: 'Patient',
    ageYears: (years: number) => `${years} years`,
    genders: { male: 'male', female: 'female', other: 'other', unknown: 'unknown' },
    orderedItem: 'Ordered',
    orderedBy: (name: string) => `Ordered by ${name}`,
    recognisableHeading: (count: number, origin: ResultOrigin) =>
      ({
        external: `Recognisable external results (${count})`,
        own: `Recent results of this hospital (${count})`,
        mixed: `Recognisable external and recent own results (${count})`,
      })[origin],
    own: 'This hospital',
    noneRecognisable: 'No external result is recognisable now (its window may have closed); order as needed.',
    exceptionButton: 'Do not use; give the reason',
  },
  result: {
    mark: (mark: string) => `Recognition mark: ${mark}`,
    noMark: 'No recognition mark',
    date: (date: string, ageDays: number) =>
      `Done ${date} (${ageDays === 0 ? 'today' : ageDays === 1 ? '1 day ago' : `${ageDays} days ago`})`,
    daysLeft: (daysLeft: number, lastDay: string) =>
      daysLeft === 0
        ? `Last day of its window today (${lastDay})`
        : `${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left in its window (until ${lastDay})`,
    testSystem: (method: string, brand: string) => `Test system: method ${method}, brand ${brand}`,
    notStated: 'not stated',
    ours: (method: string, brand: string) => `Ours: method ${method}, brand ${brand}`,
    accept: 'Use this result',
    acceptLabel: (institution: string, date: string) => `Use this result: ${institution} ${date}`,
  },
  report: {
    columns: { name: 'Test', value: 'Result', unit: 'Unit', range: 'Reference range', flag: 'Flag' },
    flags: { high: '↑ high', low: '↓ low', abnormal: 'abnormal', normal: 'normal' },
    findings: 'Findings',
    impression: 'External impression (for reference only)',
    impressionNote: "The external doctor's conclusion; not part of what is recognised.",
    empty: 'none',
    viewImages: 'View images (opens in a new window)',
  },
  excluded: {
    heading: (count: number) => `Results not recognisable (${count})`,
    title: (institution: string, level: string | null, report: string) =>
      `${institution}${level ? ` (${level})` : ''} · ${report}`,
    reasons: 'Why not:',
  },
  exception: {
    heading: 'Do not use the external result; repeat the examination',
    headingOwn: "Do not use this hospital's recent result; repeat the examination",
    reason: 'Reason',
    notCountedGroup: 'These reasons are recorded but not counted as non-recognition:',
    explanation: 'Explanation',
    explanationHint: 'Say what the situation is',
    counter: (length: number, max: number) => `${length}/${max}`,
    notification: 'Patient notification',
    party: 'Notified',
    parties: { patient: 'patient', family: 'family member', guardian: 'guardian' },
    method: 'How',
    methods: { verbal: 'verbally', written: 'in writing', electronic: 'electronically' },
    notifiedAt: 'When',
    notifiedBy: 'Notified by',
    submit: 'Save decision',
    cancel: 'Cancel',
    printSheet: 'Print the patient notification sheet',
    fixErrors: 'Correct the marked fields first.',
    errors: {
      reasonRequired: 'Choose a reason',
      explanationRequired: 'This reason needs an explanation',
      explanationTooLong: (max: number) => `At most ${max} characters`,
      partyRequired: 'Choose who was notified',
      methodRequired: 'Choose how they were notified',
      notifiedAtRequired: 'Enter when they were notified',
      notifiedAtInvalid: 'This is not a valid time',
      notifiedByRequired: 'Enter who notified them',
      notifiedByTooLong: (max: number) => `At most ${max} characters`,
      rejected: 'The server did not accept this field; check it and save again',
      rejectedOther: (field: string) => `The server did not accept "${field}"; open the card again and retry`,
    },
  },
  busy: {
    saving: 'Saving the decision…',
    writing: 'Writing to the record…',
    reporting: 'Reporting the write…',
    withdrawing: 'Taking the decision back…',
  },
  decision: {
    heading: 'Current decision',
    afterSigning:
      'This decision was made after the order was signed: the examination is ordered, so no cost is counted as saved. Cancel the order in the workstation if it is no longer needed.',
    accepted: (institution: string, date: string) => `The result of ${institution} of ${date} is used; no repeat`,
    acceptedUnknown: 'An external result is used; no repeat',
    overridden: (reason: string) => `External result not used, examination repeated: ${reason}`,
    overriddenOwn: (reason: string) => `This hospital's recent result not used, examination repeated: ${reason}`,
    unknownReason: 'no reason given',
    explanation: (text: string) => `Explanation: ${text}`,
    notified: (time: string, by: string, method: string, party: string) =>
      `${time}: ${by} notified the ${party} ${method}`,
    by: (who: string, when: string, source: string) => `${who} · ${when} · via ${source}`,
    unknownPractitioner: 'unknown doctor',
    sources: { 'cds-feedback': 'workstation card', 'smart-app': 'recognition assistant', 'his-popup': 'HIS popup' },
    incomplete: 'This decision came from the workstation card; the patient notification is still missing.',
    complete: 'Add the notification',
    cancelOrder: (item: string) =>
      `Cancel the "${item}" order in the workstation: this assistant does not change orders.`,
    withdraw: 'Take back',
    change: 'Change',
    locked: 'Locked: a decision can only be changed on the day it was made.',
    withdrawn: 'The earlier decision was taken back. Choose again.',
    writtenStays:
      'The external result written to the record before the withdrawal is not deleted automatically; handle it in the workstation.',
  },
  writeBack: {
    written: 'Written to the record.',
    refused: 'The record was NOT updated: the workstation refused to store the result. The decision stands.',
    reason: (detail: string) => `Reason: ${detail}`,
    notYet: 'The result is not in the record yet.',
    write: 'Write to the record',
    retry: 'Retry writing',
    unreported: 'The recognition server could not be told how writing to the record went.',
    retryReport: 'Report again',
  },
  history: {
    heading: 'Decision history',
    columns: { version: 'Version', when: 'When', outcome: 'Decision', who: 'Doctor', source: 'Via', state: 'State' },
    outcomes: { accepted: 'external result used', overridden: 'not used, repeated', withdrawn: 'taken back' },
    complete: 'complete',
    incomplete: 'to be completed',
    written: 'written to the record',
    refused: 'write refused',
  },
  time: {
    format: 'YYYY-MM-DD HH:mm',
  },
} satisfies Messages;

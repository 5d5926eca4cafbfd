import type { AccessLogMessages } from './zh-CN';

/** The strings of the access log page in English; exactly the keys of the Chinese catalog. */
export const accessLogEn = {
  accessLog: {
    heading: 'Access log',
    intro:
      "Every read of a patient's results (the EHR's cards, explain, the recognition assistant, the quality order history) is recorded here: who, when, through which endpoint, which patient and how many results. The log can be read, not changed; entries older than the retention period are removed.",
    filters: {
      heading: 'Filters',
      from: 'From',
      to: 'To',
      endpoint: 'Endpoint',
      all: 'All',
      patient: 'Patient',
      patientHint: 'Paste a patient key from the list, or type a national ID, then press Enter',
      patientInvalid: 'A patient key or national ID has at most 64 characters',
      clear: 'Clear filters',
    },
    refused: "Refused (not this hospital's patient)",
    list: { heading: 'Reads' },
    columns: {
      at: 'When',
      actor: 'Who',
      endpoint: 'Endpoint',
      patient: 'Patient key',
      results: 'Results',
      hospital: 'Hospital',
    },
    actorKinds: {
      'cds-client': 'EHR',
      'his-client': 'HIS',
      'api-token': 'API token',
      'decision-token': 'Assistant card',
      unauthenticated: 'Unauthenticated (development)',
    },
    endpoints: {
      'POST /cds-services/recognition-patient-view': 'Card on opening the chart',
      'POST /cds-services/recognition-order-select': 'Card on ordering',
      'POST /cds-services/recognition-order-sign': 'Card on signing',
      'POST /his/v1/check': 'HIS check',
      'POST /api/explain': 'Explain',
      'GET /api/prompts/:promptId': 'Assistant opened a card',
      'POST /api/prompts/:promptId/decision': 'Assistant recorded a decision',
      'POST /api/prompts/:promptId/write-back': 'Assistant wrote a result back',
      'POST /api/prompts/:promptId/renewal': 'Assistant renewed a card (patient checked at the EHR)',
      'POST /api/admin/rules/dry-run': 'Rules dry run (past cards replayed, many patients)',
      'POST /api/platform/regions/:code/dry-run':
        "Region policy dry run (a region's past cards replayed, many patients)",
      'GET /api/quality/orders/:promptId': 'Quality order history',
    },
    copy: (key: string) => `Copy patient key ${key}`,
    copied: 'Patient key copied',
    onlyPatient: (key: string) => `Only patient ${key}`,
    noHospital: 'None named',
    empty: 'No reads match these filters.',
    timeFormat: 'YYYY-MM-DD HH:mm:ss',
  },
} satisfies AccessLogMessages;

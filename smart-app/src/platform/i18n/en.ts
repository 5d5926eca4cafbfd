import type { PlatformMessages } from './zh-CN';

/** The strings of the platform operator's console in English; exactly the keys of the Chinese catalog. */
export const platformEn = {
  platform: {
    institutions: {
      heading: 'Institutions',
      intro:
        'The medical institutions the platform registers: their level, region and alliances decide whose results are recognised. Changes apply at once to every hospital’s prompts.',
      search: 'Search institutions (name, pinyin or code)',
      region: 'Region',
      level: 'Level',
      all: 'All',
      count: (shown: number, total: number) => `${shown} shown of ${total}`,
      none: 'No institution matches.',
      columns: {
        name: 'Institution',
        level: 'Level',
        region: 'Region',
        alliances: 'Alliances',
        codeSystem: 'Local code systems',
      },
      add: 'Add an institution',
      edit: (name: string) => `Edit “${name}”`,
      editButton: 'Edit',
      levels: { 1: 'Primary', 2: 'Secondary', 3: 'Tertiary' } as Record<1 | 2 | 3, string>,
      form: {
        addHeading: 'Add an institution',
        editHeading: (name: string) => `Edit institution: ${name}`,
        id: 'Institution code',
        idHint: 'Unique on the platform, e.g. H-CQ-009; cannot change once saved',
        name: 'Name',
        level: 'Level',
        grade: 'Grade (甲, 乙, 丙; may be empty)',
        region: 'Region',
        alliances: 'Alliances (codes, comma-separated; may be empty)',
        codeSystem:
          'Local code systems: LIS, RIS… one per line, the first is assumed when a sender names none (may be empty)',
        save: 'Save',
        saving: 'Saving…',
        cancel: 'Cancel',
        saved: (name: string) => `Saved “${name}”.`,
        required: 'Required',
      },
    },
    qualifications: {
      heading: 'Quality results',
      intro:
        "Each institution's external quality assessments, blind samples, evaluations and CNAS accreditation: only a passed result, valid on the report's day and not withdrawn, lets its results be recognised. A withdrawal or a new result applies at once.",
      lapsing: {
        heading: (days: number) => `Lapsing within ${days} days`,
        none: (days: number) => `No passed result lapses within ${days} days.`,
      },
      byInstitution: {
        heading: 'By institution',
        choose: 'Institution',
        none: 'No quality result is recorded for this institution.',
        table: (name: string) => `Quality results of ${name}`,
      },
      columns: {
        institution: 'Institution',
        scope: 'Item or discipline',
        kind: 'Kind',
        result: 'Result',
        valid: 'Valid',
        until: 'Valid until',
        state: 'State',
      },
      kinds: { eqa: 'EQA', 'blind-sample': 'Blind sample', 'qc-evaluation': 'QC evaluation', cnas: 'CNAS' } as Record<
        string,
        string
      >,
      passed: 'Passed',
      notPassed: 'Failed',
      effect: (examined: number, gained: number, lost: number) =>
        `Of the institution's ${examined} stored results of the past year, ${gained} would pass the quality check and ${lost} would no longer pass it (only this check is replayed; nothing is saved yet).`,
      states: {
        valid: 'Valid',
        lapsed: 'Lapsed',
        notYet: 'Not yet valid',
        failed: 'Failed (no ground for recognition)',
        withdrawn: (day: string) => `Withdrawn from ${day}`,
      },
      withdraw: {
        button: 'Withdraw',
        ask: (scope: string) => `Withdraw ${scope}`,
        from: 'Withdrawn from',
        confirm: (scope: string) => `Confirm withdrawing ${scope}`,
        cancel: 'Cancel',
      },
      form: {
        heading: 'Record a quality result',
        scopeKind: 'Scope',
        item: 'Item',
        discipline: 'Discipline',
        validFrom: 'Valid from',
        validUntil: 'Valid until',
        preview: 'See the effect',
        confirm: 'Save',
        back: 'Change it',
        saved: 'Saved; it applies at once.',
      },
      import: {
        heading: "Import a quality-control centre's published results (CSV)",
        format:
          'Header: institutionId,scopeKind,scopeCode,kind,passed,validFrom,validUntil,withdrawnOn. scopeKind is item (an item code) or discipline; kind is eqa, blind-sample, qc-evaluation or cnas; passed is true or false; dates are YYYY-MM-DD, withdrawnOn may be empty. A row for the same institution, scope, kind and start replaces the earlier one.',
        choose: 'Choose a CSV file',
        summary: (saved: number, refused: number) =>
          `${saved} rows imported${refused > 0 ? `; ${refused} not imported, each with why below` : ''}.`,
        refused: 'Rows not imported',
        columns: { row: 'Data row', field: 'Column', message: 'Why' },
        rowCell: (row: number) => (row === 0 ? 'Header' : `Row ${row}`),
      },
    },
    source: {
      back: '← Connections and sources',
      heading: (name: string, id: string) => `Source: ${name} (${id})`,
      charset: 'Charset',
      days: {
        heading: 'Day by day',
        period: 'Period',
        last: (days: number) => `Last ${days} days`,
        zone: (zone: string) =>
          `Counted by local day (${zone}); quarantined counts the messages refused that day, replayed since or not.`,
        columns: { day: 'Day', stored: 'Filed', quarantined: 'Quarantined' },
        quiet: 'Nothing received',
      },
      reasons: {
        heading: 'Why messages were refused',
        none: (days: number) => `No message was refused in the last ${days} days.`,
        columns: { reason: 'Reason', count: 'Times', last: 'Last' },
      },
      quarantine: {
        heading: 'Quarantine (waiting)',
        none: 'Nothing waits in quarantine.',
      },
    },
    connections: {
      heading: 'Connections and sources',
      intro:
        'The doctor workstations that use recognition (CDS Hooks clients and HIS) and the sources that send results (LIS, PACS, platforms). Revoked, their calls and uploads are refused at once.',
      ehr: {
        heading: 'Doctor workstations (CDS Hooks clients)',
        none: 'No CDS Hooks client is registered.',
        columns: {
          issuer: 'Issuer (iss)',
          hospital: 'Hospital',
          keys: 'Keys',
          created: 'Registered',
          status: 'Status',
        },
        jwks: (count: number) => `JWKS (${count} public keys)`,
        jku: (count: number) => `jku allowlist (${count})`,
      },
      his: {
        heading: 'HIS (workstations without CDS Hooks)',
        none: 'No HIS is registered.',
        columns: { id: 'Code', name: 'Name', hospital: 'Hospital', origins: 'Web origins', status: 'Status' },
        register: 'Register a HIS',
        form: {
          heading: 'Register a HIS (registering the same code again rotates its key)',
          id: 'HIS code',
          name: 'Name',
          hospital: 'Hospital',
          origins: 'Web origins of a browser-based HIS (may be empty; comma-separated, e.g. https://his.example)',
          submit: 'Register and create the key',
          submitting: 'Registering…',
        },
        key: (id: string) =>
          `The HMAC key of ${id} (shown this once: hand it to the HIS vendor now, to keep on their server):`,
        keyLabel: 'HMAC key',
      },
      sources: {
        heading: 'Sources (LIS, PACS, platforms)',
        none: 'No source is registered.',
        columns: {
          source: 'Source',
          format: 'Way in',
          institutions: 'Files for',
          last: 'Last received',
          pastDay: 'Past 24 h',
          waiting: 'Quarantined',
          status: 'Status',
        },
        never: 'nothing yet',
        replay: 'Replay quarantine',
        replaying: 'Replaying…',
        replayed: (stored: number, still: number) => `Replayed: ${stored} filed, ${still} still quarantined.`,
        formats: { hl7v2: 'HL7 v2', cda: 'CDA documents', 'front-table': 'Front table' } as Record<string, string>,
      },
      active: 'active',
      revoked: 'revoked',
      revoke: 'Revoke',
      confirmRevoke: (name: string) => `Confirm: revoke ${name}`,
      cancel: 'Cancel',
    },
  },
} satisfies PlatformMessages;

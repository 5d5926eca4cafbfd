import type { QuarantineMessages } from './zh-CN';

/** The strings of the quarantine page in English; exactly the keys of the Chinese catalog. */
export const quarantineEn = {
  quarantine: {
    heading: 'Quarantine of incoming reports',
    intro:
      "Reports your hospital's LIS and PACS sent that could not be filed wait here, kept as they came, with the reason. Most often a local item code is not mapped yet: add it under Rules → code mappings, then ask the platform to replay. Quarantined reports are neither shown to doctors nor counted.",
    sources: {
      heading: "Your hospital's sources",
      none: 'The platform has registered no source for your hospital yet.',
      format: 'Way in',
      last: 'Last received',
      never: 'Nothing yet',
      pastDay: 'Messages, past 24 hours',
      waiting: 'Quarantined',
      revoked: 'revoked',
    },
    list: 'Waiting messages',
    empty: "Nothing is waiting: every report your hospital's sources sent was filed.",
    count: (count: number) => `${count} in all`,
    received: 'Received',
    source: 'Source',
    control: 'Message id',
    noControl: '(none)',
    reason: 'Reason',
    raw: 'The message as received',
    formats: { hl7v2: 'HL7 v2', cda: 'CDA document', 'front-table': 'Front table' },
  },
} satisfies QuarantineMessages;

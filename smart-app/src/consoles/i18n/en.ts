import type { ConsolesMessages } from './zh-CN';

/** The strings of the consoles' shared strings (sign-in, problems, disciplines) in English; exactly the keys of the Chinese catalog. */
export const consolesEn = {
  consoles: {
    titles: {
      quality: 'Recognition quality review',
      admin: 'Hospital recognition rules',
      platform: 'Regional recognition platform',
    },
    roles: {
      quality: 'the quality department',
      admin: "the hospital's administrator",
      platform: 'the platform operator',
    },
    signOut: 'Sign out',
    navigation: {
      label: 'Console pages',
      pages: {
        quality: 'Quality review',
        admin: 'Rules',
        accessLog: 'Access log',
        quarantine: 'Quarantine',
        institutions: 'Institutions',
        qualifications: 'Quality results',
        figures: 'Province figures',
        regions: 'Regions and alliances',
        catalog: 'Catalog',
        connections: 'Connections and sources',
      },
    },
    signIn: {
      heading: (console: string) => `Sign in: ${console}`,
      intro: {
        quality:
          "Enter the quality department's API token. It is kept in this browser tab only, and forgotten when the tab closes or you sign out.",
        admin:
          "Enter the hospital administrator's API token. It is kept in this browser tab only, and forgotten when the tab closes or you sign out.",
        platform:
          "Enter the platform operator's API token. It is kept in this browser tab only, and forgotten when the tab closes or you sign out.",
      },
      token: 'API token',
      tokenHint: {
        quality:
          "Starts with hrn_. Without one, ask the hospital's IT department or the platform operator for a quality department token",
        admin: "Starts with hrn_. Without one, ask the platform operator for your hospital's administrator token",
        platform:
          'Starts with hrn_; created on the server: npm run huren -- tokens create --name <who> --role platform',
      },
      required: 'Enter the token',
      submit: 'Sign in',
      checking: 'Checking the token…',
      unauthenticated: 'This token is not valid or was revoked. Check it and try again.',
      forbidden: (role: string) => `This token cannot open this page: use a token of ${role}.`,
      expired: 'Your session has ended (the token may have been revoked). Sign in again.',
    },
    problems: {
      kinds: {
        unreachable: 'The server cannot be reached. Check the network and try again.',
        unavailable: 'The server is briefly unavailable. Try again shortly.',
        'rate-limited': 'Too many requests. Wait a minute and try again.',
        unauthenticated: 'The token is not valid or was revoked. Sign in again.',
        forbidden: 'This token may not do that.',
        'not-found': 'What you asked for cannot be found (it may have been deleted).',
        invalid: 'The server did not accept the input. Check it and try again.',
        'out-of-bounds': "Outside what the region's policy allows.",
        'hospital-unregistered':
          "The hospital's region has no recognition policy registered. Contact the platform operator.",
        unexpected: 'The server had an unexpected error. Try again later.',
      },
      technical: 'Technical detail',
      retry: 'Try again',
    },
    disciplines: {
      chemistry: 'Clinical chemistry',
      immunology: 'Immunology',
      hematology: 'Haematology',
      coagulation: 'Coagulation',
      urinalysis: 'Urinalysis',
      microbiology: 'Microbiology',
      radiography: 'Radiography',
      ct: 'CT',
      mr: 'MR',
      ultrasound: 'Ultrasound',
      'nuclear-medicine': 'Nuclear medicine',
    },
  },
} satisfies ConsolesMessages;

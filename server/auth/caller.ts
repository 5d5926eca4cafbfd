import type { AccessActor } from '../access-log/recorder';

/** Who is calling: a verified CDS client or HIS registration, or nobody when CDS_AUTH is off. */
export interface Caller {
  readonly issuer: string | null;
  readonly hospitalId: string | null;
  /** The FHIR base URLs the client registered; undefined when it listed none or there is no client. */
  readonly fhirServers?: readonly string[];
  /** The web origins the client registered (a browser-based EHR); its calls from other pages are refused. */
  readonly corsOrigins?: readonly string[];
  /** Who reads the patient's results, for the access log; nothing is logged without it. */
  readonly access?: AccessActor;
  /**
   * The doctor the request names (the EHR's user, the HIS's 医生工号) is who reads, the client staying the
   * actor; otherwise (a token holder: explain, the consoles) the caller is named by its token.
   */
  readonly readsAsUser?: boolean;
  /** Only the hospital's own patients, by Huren's records (a card issued there or a report from there, OWN_PATIENT_DAYS). */
  readonly ownPatientsOnly?: boolean;
}

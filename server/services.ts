import type { HisTokens } from './his/tokens';
import type { Logger } from 'pino';
import type { AccessLog } from './access-log/recorder';
import type { ClientRegistry } from './auth/client-registry';
import type { DecisionTokens } from './auth/decision-token';
import type { UnmappedCodeRecorder } from './admin/unmapped-recorder';
import type { TokenIdGuard } from './auth/replay-guard';
import type { Config } from './config';
import type { Metrics } from './health/metrics';
import type { ResolveHost } from './fhir/ehr-address';
import type { Database } from './store/database';
import type { ReferenceCache } from './store/reference';
import type { RefusalLog } from './web/refusal-log';
import type { GroupCommit } from './ingest/group-commit';

/** What every capability's routes are built from; assembled once in `createApp`. */
export interface Services {
  readonly config: Config;
  /** Writes, and reads that must see this request's own uncommitted writes. */
  readonly db: Database;
  /** Hot-path reads (results, prompts, decisions): on SQLite a separate read pool. */
  readonly reader: Database;
  readonly reference: ReferenceCache;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly clock: () => Date;
  readonly decisionTokens: DecisionTokens;
  /** The HIS channel's browser tokens and decision page tickets. */
  readonly hisTokens: HisTokens;
  readonly clients: ClientRegistry;
  readonly replayGuard: TokenIdGuard;
  readonly unmappedCodes: UnmappedCodeRecorder;
  /** Resolves an EHR's host name before Huren connects to it (tests inject their own). */
  readonly resolveHost: ResolveHost;
  /** Refused requests, logged as one line per source a minute. */
  readonly refusals: RefusalLog;
  /** Messages from the results' sources (HL7 v2, CDA), committed in groups. */
  readonly receipts: GroupCommit;
  /** Every read of a patient's results, appended (see docs/security.md). */
  readonly accessLog: AccessLog;
}

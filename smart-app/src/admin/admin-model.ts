import type { ExclusionReason, OrderRefusal } from '../../../rules';
import type { OverrideHistory } from '../../../server/contract/admin-responses';

/** The admin API's answers, typed from the server's own schemas (types only: nothing of the server is bundled). */
export type {
  DryRunReportView,
  MappingUpload,
  OverrideHistory,
  RulesState,
  UnmappedCodes,
} from '../../../server/contract/admin-responses';
export type { CodeMapping } from '../../../server/contract/admin';
export type {
  Discipline,
  HospitalOverride,
  LowerLevelAcceptance,
  PromptIndicator,
  RecognitionItem,
} from '../../../rules';

export type OverrideVersion = OverrideHistory[number];
export type OverrideAction = OverrideVersion['action'];

/**
 * Why the dry run says a past card would not be shown (server/admin/dry-run.ts `why`): the order's
 * refusal, the result's exclusion reasons (several joined by `+`), silenced in emergency, or none.
 */
export type DryRunReason = ExclusionReason | OrderRefusal | 'silenced-in-emergency' | 'none' | 'no-result';

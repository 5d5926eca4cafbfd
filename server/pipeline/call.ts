import type { Caller } from '../auth/caller';
import type { Locale } from '../i18n';
import type { Services } from '../services';

/**
 * One call on the shared stages, whatever the channel: what was asked (a CDS Hooks request, a HIS
 * check), who asked, in which language, and one deadline that runs from resolve to record.
 */
export interface PipelineCall<Input> {
  readonly input: Input;
  readonly caller: Caller;
  readonly locale: Locale;
  readonly services: Services;
  /** When the request arrived (ms since the epoch): the budget counts from here. */
  readonly startedAt: number;
  /** Aborted when the budget is spent: nothing is recorded for an answer the caller never got. */
  readonly signal: AbortSignal;
}

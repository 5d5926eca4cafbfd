import type { ServiceId, HookRequest } from '../contract/cds-hooks';
import type { Locale } from '../i18n';
import type { Services } from '../services';
import type { Caller } from '../auth/caller';

/** One call of a service, as its handler is given it. */
export interface HookCall {
  readonly serviceId: ServiceId;
  readonly request: HookRequest;
  readonly caller: Caller;
  readonly locale: Locale;
  readonly services: Services;
  /** When the request arrived (ms since the epoch): the budget counts from here. */
  readonly startedAt: number;
  /** Aborted when the budget is spent. */
  readonly signal: AbortSignal;
}

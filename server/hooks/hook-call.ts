import type { ServiceId, HookRequest } from '../contract/cds-hooks';
import type { PipelineCall } from '../pipeline/call';

/** One call of a CDS Hooks service, as its handler is given it. */
export interface HookCall extends PipelineCall<HookRequest> {
  readonly serviceId: ServiceId;
}

import {
  quarantinePageSchema,
  sourceStatusesSchema,
  type QuarantinedMessage,
  type SourceStatus,
} from '../../../server/contract/sources';
import type { ConsoleApi } from '../consoles/console-api';

/** GET /api/admin/quarantine: what the hospital's own sources sent that could not be filed, newest first. */
export async function quarantinedMessages(api: ConsoleApi, signal: AbortSignal): Promise<QuarantinedMessage[]> {
  return quarantinePageSchema.parse(await api.get<unknown>('/api/admin/quarantine', { limit: '200' }, signal));
}

/** GET /api/admin/sources: the hospital's result sources with what they sent. */
export async function hospitalSources(api: ConsoleApi, signal: AbortSignal): Promise<SourceStatus[]> {
  return sourceStatusesSchema.parse(await api.get<unknown>('/api/admin/sources', {}, signal));
}

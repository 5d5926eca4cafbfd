import { quarantinePageSchema, type QuarantinedMessage } from '../../../server/contract/sources';
import type { ConsoleApi } from '../consoles/console-api';

/** GET /api/admin/quarantine: what the hospital's own sources sent that could not be filed, newest first. */
export async function quarantinedMessages(api: ConsoleApi, signal: AbortSignal): Promise<QuarantinedMessage[]> {
  return quarantinePageSchema.parse(await api.get<unknown>('/api/admin/quarantine', { limit: '200' }, signal));
}

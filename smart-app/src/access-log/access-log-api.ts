import { accessLogPageSchema, type AccessLogPage } from '../../../server/contract/access-log';
import type { ConsoleApi, Query } from '../consoles/console-api';

/** GET /api/access-log for the signed-in token: its hospital's entries (all of them for the platform). */
export async function accessLogPage(api: ConsoleApi, query: Query, signal: AbortSignal): Promise<AccessLogPage> {
  return accessLogPageSchema.parse(await api.get<unknown>('/api/access-log', query, signal));
}

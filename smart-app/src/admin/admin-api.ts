import type { ConsoleApi } from '../consoles/console-api';
import type {
  CodeMapping,
  DryRunReportView,
  HospitalOverride,
  MappingUpload,
  OverrideHistory,
  RecognitionItem,
  RulesState,
  UnmappedCodes,
} from './admin-model';

/** The admin API (server/admin/routes.ts), for one signed-in admin token. */
export interface AdminApi {
  rules(signal: AbortSignal): Promise<RulesState>;
  history(signal: AbortSignal): Promise<OverrideHistory>;
  catalog(signal: AbortSignal): Promise<RecognitionItem[]>;
  /** What the override would have done to the last `days` days of prompts; nothing is saved. */
  dryRun(override: HospitalOverride, days: number): Promise<DryRunReportView>;
  save(override: HospitalOverride): Promise<RulesState>;
  rollback(version: number): Promise<RulesState>;
  mappings(signal: AbortSignal): Promise<CodeMapping[]>;
  /** `replace`: the file becomes the whole table; otherwise its rows are added or updated. */
  /** All or nothing; with `preview`, only checked and counted. */
  uploadMappings(csv: string, how: { readonly replace: boolean; readonly preview: boolean }): Promise<MappingUpload>;
  unmapped(days: number, signal: AbortSignal): Promise<UnmappedCodes>;
  /** Maps one local code to a catalog item (added or updated, the rest untouched). */
  mapCode(mapping: {
    system: string;
    localCode: string;
    localName: string | null;
    itemCode: string;
  }): Promise<MappingUpload>;
}

export function adminApi(api: ConsoleApi): AdminApi {
  return {
    rules: (signal) => api.get('/api/admin/rules', {}, signal),
    history: (signal) => api.get('/api/admin/rules/history', {}, signal),
    catalog: (signal) => api.get('/api/catalog', {}, signal),
    dryRun: (override, days) => api.send('POST', '/api/admin/rules/dry-run', { json: { override, days } }),
    save: (override) => api.send('PUT', '/api/admin/rules', { json: override }),
    rollback: (version) => api.send('POST', '/api/admin/rules/rollback', { json: { version } }),
    mappings: (signal) => api.get('/api/admin/code-mappings', {}, signal),
    uploadMappings: (csv, { replace, preview }) =>
      api.send(
        'PUT',
        '/api/admin/code-mappings',
        { csv },
        { replace: replace ? 'true' : undefined, preview: preview ? 'true' : undefined },
      ),
    unmapped: (days, signal) => api.get('/api/admin/unmapped-codes', { days }, signal),
    mapCode: (mapping) => api.send('POST', '/api/admin/code-mappings', { json: mapping }),
  };
}

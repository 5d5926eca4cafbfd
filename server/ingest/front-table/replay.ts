import { z } from 'zod';
import { sourceReading } from '../source-reading';
import type { Services } from '../../services';
import { quarantine, type RegisteredSource } from '../../store/result-sources';
import { fileBundle } from '../file-bundle';
import { reportAsBundle } from './rows';
import { frontTableSchema } from './settings';

/** What the poller quarantined: the rows with the column map they were read by. */
const quarantinedRows = z.object({
  columns: frontTableSchema.shape.columns,
  rows: z.array(z.record(z.string(), z.unknown())).min(1),
});

/** Files quarantined front-table rows again; the reason when they are refused (and quarantined anew), else null. */
export async function replayRows(services: Services, source: RegisteredSource, raw: string): Promise<string | null> {
  const { columns, rows } = quarantinedRows.parse(JSON.parse(raw));
  const reference = await services.reference.current();
  const settings = frontTableSchema.parse({
    source: source.id,
    client: 'sqlite3',
    connection: ':memory:',
    table: 'replay',
    watermark: 'id',
    columns,
  });
  const bundle = reportAsBundle(rows, settings, source, sourceReading(services, reference));
  const refused = 'reason' in bundle ? [bundle.reason] : await fileBundle(services, bundle, reference);
  if (refused.length === 0) return null;
  const reason = refused.join('；');
  await quarantine(
    services.db,
    { sourceId: source.id, format: 'front-table', controlId: null, reason, raw },
    services.clock(),
  );
  return reason;
}

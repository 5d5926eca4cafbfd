import type { Services } from '../../services';
import {
  openFrontTable,
  rowsAfter,
  saveWatermark,
  watermarkOf,
  type FrontTableDatabase,
} from '../../store/front-table';
import { findSource, quarantine } from '../../store/result-sources';
import { fileBundle } from '../file-bundle';
import { sourceReading } from '../source-reading';
import { cell, groupByReport, reportAsBundle } from './rows';
import type { FrontTable } from './settings';

export interface PollOutcome {
  readonly rows: number;
  readonly filed: number;
  readonly quarantined: number;
  readonly watermark: string | null;
}

/**
 * Reads a front table (前置机) a batch at a time past its watermark, files each report through the
 * same extraction as FHIR, and only then moves the watermark on. A crash between the two re-reads the
 * batch, which files the same reports again in place (upserts by report id): nothing is lost, nothing
 * doubled. A report whose rows straddle the end of a batch waits for the next batch, whole.
 */
export class FrontTablePoller {
  private readonly table: FrontTableDatabase;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PollOutcome> | null = null;

  constructor(
    private readonly services: Services,
    private readonly settings: FrontTable,
  ) {
    this.table = openFrontTable(settings);
  }

  async pollOnce(): Promise<PollOutcome> {
    this.running ??= this.poll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async poll(): Promise<PollOutcome> {
    const { services, settings } = this;
    const source = await findSource(services.db, settings.source);
    if (!source || source.revoked || source.format !== 'front-table')
      throw new Error(`front table ${settings.table}: no active front-table source ${settings.source}`);
    const after = await watermarkOf(services.db, source.id);
    const rows = await rowsAfter(this.table, settings.table, settings.watermark, after, settings.batch);
    if (rows.length === 0) return { rows: 0, filed: 0, quarantined: 0, watermark: after };
    const groups = groupByReport(rows, settings.columns.reportId);
    // A full batch may have cut its last report short: that one is read again, whole, next time.
    const lastId = cell(rows.at(-1) ?? {}, settings.columns.reportId);
    if (rows.length === settings.batch && groups.size > 1) groups.delete(lastId);
    const kept = [...groups.values()].flat();
    const reference = await services.reference.current();
    const context = sourceReading(services, reference);
    let filed = 0;
    let held = 0;
    const { recognised } = settings.columns;
    for (const [reportId, reportRows] of groups) {
      const counted = recognised
        ? reportRows.filter((row) => settings.recognisedValues.includes(cell(row, recognised)))
        : reportRows;
      if (counted.length === 0) continue;
      const bundle = reportAsBundle(counted, settings, source, context);
      const refused = 'reason' in bundle ? [bundle.reason] : await fileBundle(services, bundle, reference);
      if (refused.length === 0) {
        filed++;
        continue;
      }
      held++;
      await quarantine(
        services.db,
        {
          sourceId: source.id,
          format: 'front-table',
          controlId: reportId,
          reason: refused.join('；'),
          // The rows with the column map they were read by: enough to file them again on replay.
          raw: JSON.stringify({ columns: settings.columns, rows: counted }),
        },
        services.clock(),
      );
    }
    const watermark = cell(kept.at(-1) ?? {}, settings.watermark);
    await saveWatermark(services.db, source.id, watermark, services.clock());
    return { rows: kept.length, filed, quarantined: held, watermark };
  }

  /** Polls every intervalSeconds until stopped; a failed poll is logged and tried again next time. */
  start(): void {
    const tick = () => {
      this.pollOnce()
        .then((outcome) => {
          if (outcome.rows > 0)
            this.services.logger.info({ source: this.settings.source, ...outcome }, 'front table read');
        })
        .catch((error: unknown) =>
          this.services.logger.error({ err: error, source: this.settings.source }, 'front table poll failed'),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.settings.intervalSeconds * 1000).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    await this.table.destroy();
  }
}

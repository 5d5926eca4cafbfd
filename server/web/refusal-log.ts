import type { Logger } from 'pino';

const MINUTE_MS = 60_000;
/** Sources held at most; past it, the rest of the minute's refusals are counted under one line. */
const MAX_SOURCES = 10_000;

interface SourceTally {
  count: number;
  readonly statuses: Map<number, number>;
  readonly paths: Set<string>;
}

/**
 * Refused requests (4xx) as one log line per source a minute, with how many, which statuses and a
 * few paths: a flood of 429s or 401s writes a line, not a line each. The metric counts every one.
 */
export class RefusalLog {
  private tallies = new Map<string, SourceTally>();
  private overflow = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly logger: Logger) {
    this.timer = setInterval(() => this.flush(), MINUTE_MS);
    this.timer.unref();
  }

  note(source: string, status: number, path: string): void {
    let tally = this.tallies.get(source);
    if (!tally) {
      if (this.tallies.size >= MAX_SOURCES) {
        this.overflow++;
        return;
      }
      tally = { count: 0, statuses: new Map(), paths: new Set() };
      this.tallies.set(source, tally);
    }
    tally.count++;
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    if (tally.paths.size < 5) tally.paths.add(path);
  }

  /** Writes the lines for what was noted since the last flush (every minute, and at shutdown). */
  flush(): void {
    for (const [source, tally] of this.tallies) {
      this.logger.warn(
        { source, refused: tally.count, statuses: Object.fromEntries(tally.statuses), paths: [...tally.paths] },
        'requests refused from this source',
      );
    }
    if (this.overflow > 0) this.logger.warn({ refused: this.overflow }, 'requests refused from further sources');
    this.tallies = new Map();
    this.overflow = 0;
  }

  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }
}

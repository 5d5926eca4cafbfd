import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Header names that carry secrets are redacted wherever they appear. Lines to
 * stdout are written in batches (one write per 4 KiB, not per request) and flushed on exit.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'huren' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          '*.access_token',
          '*.fhirAuthorization',
          '*.token',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ dest: 1, minLength: 4096, sync: false }),
  );
  // A quiet server still shows its lines within a second.
  if (!destination) setInterval(() => logger.flush(), 1_000).unref();
  return logger;
}

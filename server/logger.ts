import { pino, type Logger } from 'pino';

/** Structured JSON logs. Header names that carry secrets are redacted wherever they appear. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'huren' },
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', '*.access_token', '*.fhirAuthorization', '*.token'],
        censor: '[redacted]',
      },
    },
    destination ?? process.stdout,
  );
}

import 'dotenv/config';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { loadConfig } from '../config';

/**
 * `npm run -s mint-token -- <service-id> [issuer]`: prints a JWT signed with a demo EHR's key for
 * one call to that service (feedback: `<service-id>/feedback`). Each token is good for one call.
 */
async function run(): Promise<void> {
  const [endpoint, issuer = DEMO_CLIENTS[0].issuer] = process.argv.slice(2);
  if (!endpoint) {
    process.stderr.write(
      `usage: npm run -s mint-token -- <service-id>[/feedback] [issuer]\nissuers: ${DEMO_CLIENTS.map((c) => c.issuer).join(', ')}\n`,
    );
    process.exit(2);
  }
  const config = loadConfig(process.env);
  process.stdout.write(
    `${await mintClientToken({ issuer, audience: `${config.publicUrl}/cds-services/${endpoint}` })}\n`,
  );
}

run().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

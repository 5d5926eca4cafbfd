import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cdsClientSchema } from '../contract/admin';
import { loadConfig } from '../config';
import { applyRecords, importRecords } from '../platform/apply';
import { RECORD_KINDS, type RecordKind } from '../platform/records';
import { API_ROLES, createApiToken, listApiTokens, revokeApiToken, type ApiRole } from '../store/api-tokens';
import { migrate, openStore, type Database } from '../store/database';
import { isRegistered, listClients, revokeClient } from '../store/registry';
import { describeStore } from './store-description';
import { sendHl7 } from './send-hl7';
import { REGISTRY_USAGE, alliances, qualifications, regions } from './registry-commands';
import { REFERENCE_REFRESH_MS } from '../store/reference';

const USAGE = `npm run huren -- <command>

  Works on the server's store, read from the same settings as the server (.env, then the
  environment): DATABASE_URL for PostgreSQL, else the SQLite file SQLITE_FILE (default
  data/huren.sqlite, relative to the current folder). Every command says which store it used.

  tokens create --name <who> --role quality|admin|platform [--hospital <institution id>]
                      prints the token once; quality and admin tokens need a hospital
  tokens list
  tokens revoke <token id>
  import institutions|qualifications|clients|catalog <file.csv|file.json> [--preview]
                      --preview checks every row (references too) and saves nothing
  clients register --issuer <iss> --hospital <institution id> (--jwks <file.json> | --jku <url>...)
                   [--fhir-server <FHIR base URL>...]   the EHR's FHIR servers Huren may read
  clients list
  clients revoke <issuer>
${REGISTRY_USAGE}  send hl7v2 [file]   sends one HL7 v2 message over MLLP to the running server (HL7_MLLP_PORT) and prints
                      the ACK; without a file, the demo LIS's 血钾 for 梁伟 (docs/ingest.md)
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A one-line progress bar on stderr for long imports. */
function progress(done: number, total: number): void {
  if (!process.stderr.isTTY && done !== total && done % 500 !== 0) return;
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`,
  );
}

async function tokens(db: Database, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, hospital: { type: 'string' } },
  });
  const [action, id] = positionals;
  if (action === 'create') {
    const role = values.role as ApiRole;
    if (!values.name || !(API_ROLES as readonly string[]).includes(role))
      fail('tokens create needs --name and --role quality|admin|platform');
    if (role !== 'platform' && !values.hospital) fail(`a ${role} token works for one hospital: give --hospital`);
    if (values.hospital && !(await isRegistered(db, 'institution', values.hospital)))
      fail(`no institution ${values.hospital}`);
    const { token, record } = await createApiToken(
      db,
      { name: values.name, role, hospitalId: role === 'platform' ? null : (values.hospital ?? null) },
      new Date(),
    );
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      `token ${record.tokenId} (${record.role}${record.hospitalId ? ` for ${record.hospitalId}` : ''}): shown once, store it now\n`,
    );
  } else if (action === 'list') {
    for (const token of await listApiTokens(db))
      process.stdout.write(
        `${token.tokenId}  ${token.role.padEnd(8)} ${(token.hospitalId ?? '-').padEnd(10)} ${token.revokedAt ? 'revoked ' : 'active  '} ${token.name}\n`,
      );
  } else if (action === 'revoke' && id) {
    process.stdout.write((await revokeApiToken(db, id, new Date())) ? `revoked ${id}\n` : `no active token ${id}\n`);
  } else fail('tokens: create, list or revoke <id>');
}

async function importFile(db: Database, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { preview: { type: 'boolean' } },
  });
  const [kind, file] = positionals;
  if (!kind || !(RECORD_KINDS as readonly string[]).includes(kind) || !file) fail('import needs a kind and a file');
  const preview = values.preview === true;
  const { saved, refused } = await importRecords(
    db,
    kind as RecordKind,
    readFileSync(file, 'utf8'),
    file.endsWith('.json') ? 'json' : 'csv',
    new Date(),
    { onProgress: progress, preview },
  );
  for (const refusal of refused)
    process.stderr.write(`row ${refusal.row}${refusal.field ? ` (${refusal.field})` : ''}: ${refusal.message}\n`);
  process.stdout.write(
    preview
      ? `${kind}: ${saved} would be saved, ${refused.length} refused (preview: nothing saved)\n`
      : `${kind}: ${saved} saved, ${refused.length} refused\n`,
  );
}

async function clients(db: Database, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      issuer: { type: 'string' },
      hospital: { type: 'string' },
      jwks: { type: 'string' },
      jku: { type: 'string', multiple: true },
      'fhir-server': { type: 'string', multiple: true },
    },
  });
  const [action, issuer] = positionals;
  if (action === 'register') {
    const parsed = cdsClientSchema.safeParse({
      issuer: values.issuer,
      hospitalId: values.hospital,
      jwks: values.jwks ? JSON.parse(readFileSync(values.jwks, 'utf8')) : null,
      jkuAllowlist: values.jku ?? [],
      ...(values['fhir-server'] ? { fhirServers: values['fhir-server'] } : {}),
    });
    if (!parsed.success)
      fail(`clients register: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    if (!parsed.data.jwks && parsed.data.jkuAllowlist.length === 0)
      fail('clients register needs --jwks or at least one --jku');
    const applied = await applyRecords(db, 'clients', [{ row: 1, record: parsed.data }], new Date());
    if (applied.refused[0]) fail(applied.refused[0].message);
    process.stdout.write(`registered ${parsed.data.issuer} for ${parsed.data.hospitalId}\n`);
  } else if (action === 'list') {
    for (const client of await listClients(db))
      process.stdout.write(
        `${client.issuer}  ${client.hospitalId}  ${client.revoked ? 'revoked' : 'active'}  ${client.jwks ? 'jwks' : ''} ${client.jkuAllowlist.join(' ')}${client.fhirServers ? `  fhirServers: ${client.fhirServers.join(' ')}` : ''}\n`,
      );
  } else if (action === 'revoke' && issuer) {
    // A server reads the registry again within REFERENCE_REFRESH_MS; the API's revocation is seen at once.
    process.stdout.write(
      (await revokeClient(db, issuer, new Date()))
        ? `revoked ${issuer}: running servers refuse its tokens within ${REFERENCE_REFRESH_MS / 1000} seconds, when they next read the registry. To refuse them at once, revoke through the API: POST /api/platform/clients/revoke\n`
        : `no active client ${issuer}\n`,
    );
  } else fail('clients: register, list or revoke <issuer>');
}

async function run(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const config = loadConfig(process.env);
  // Talks to the running server, not to the store.
  if (command === 'send') {
    if (rest[0] !== 'hl7v2') fail('send: hl7v2 [file]');
    process.stdout.write(`${await sendHl7(config, rest[1])}\n`);
    return;
  }
  // The same settings as the server (.env and the environment): say which store that is, before touching it.
  process.stderr.write(`store: ${describeStore(config.store)}\n`);
  const store = openStore(config.store);
  try {
    await migrate(store.db);
    if (command === 'tokens') await tokens(store.db, rest);
    else if (command === 'import') await importFile(store.db, rest);
    else if (command === 'clients') await clients(store.db, rest);
    else if (command === 'regions') await regions(store.db, rest, fail);
    else if (command === 'alliances') await alliances(store.db, rest, fail);
    else if (command === 'qualifications') await qualifications(store.db, rest, fail);
    else fail(command ? `unknown command ${command}` : 'a command is needed');
  } finally {
    await store.destroy();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`huren: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

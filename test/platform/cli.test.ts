import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import knex from 'knex';
import { describe, expect, it } from 'vitest';
import { describeStore } from '../../server/cli/store-description';
import { loadRegions } from '../../server/store/registry';
import { tempDir } from '../support/config';

const ROOT = join(import.meta.dirname, '..', '..');

function huren(sqlite: string, ...args: string[]): { stdout: string; stderr: string; status: number } {
  try {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/huren.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, SQLITE_FILE: sqlite, NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
    return { stdout, stderr: '', status: 0 };
  } catch (error) {
    const failed = error as { stdout: Buffer; stderr: Buffer; status: number };
    return { stdout: failed.stdout.toString(), stderr: failed.stderr.toString(), status: failed.status };
  }
}

/** A SQLite file in a fresh folder, migrated and seeded with the demo data as `npm start` seeds it. */
function seededStore(name: string): { folder: string; sqlite: string } {
  const folder = tempDir();
  const sqlite = join(folder, name);
  execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/seed.ts'], {
    cwd: ROOT,
    env: { ...process.env, SQLITE_FILE: sqlite, NODE_ENV: 'development', CDS_AUTH: 'off' },
    stdio: 'pipe',
  });
  return { folder, sqlite };
}

describe('npm run huren: the operator CLI', () => {
  it('creates, lists and revokes API tokens, stored only as a hash', async () => {
    const { folder, sqlite } = seededStore('cli.sqlite');

    const created = huren(
      sqlite,
      'tokens',
      'create',
      '--name',
      '质控科',
      '--role',
      'quality',
      '--hospital',
      'H-CQ-001',
    );
    expect(created.status).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^hrn_[\w-]{40,}$/);
    expect(huren(sqlite, 'tokens', 'create', '--name', 'x', '--role', 'admin').stderr).toContain('give --hospital');
    expect(
      huren(sqlite, 'tokens', 'create', '--name', 'x', '--role', 'quality', '--hospital', 'H-NOWHERE').status,
    ).toBe(2);

    const db = knex({ client: 'sqlite3', connection: { filename: sqlite }, useNullAsDefault: true });
    const rows = await db('api_tokens').select('*');
    expect(JSON.stringify(rows)).not.toContain(token);
    const id = rows.find((row: { name: string }) => row.name === '质控科').id;
    expect(huren(sqlite, 'tokens', 'list').stdout).toMatch(new RegExp(`${id}\\s+quality\\s+H-CQ-001\\s+active`));
    expect(huren(sqlite, 'tokens', 'revoke', id).stdout).toContain(`revoked ${id}`);
    expect((await db('api_tokens').where('id', id).first()).revoked_at).not.toBeNull();

    // Imports a CSV of qualifications with a progress line, refusing the bad row.
    const file = join(folder, 'qualifications.csv');
    writeFileSync(
      file,
      'institutionId,scopeKind,scopeCode,kind,passed,validFrom,validUntil,withdrawnOn\nH-CQ-004,discipline,radiography,qc-evaluation,true,2026-01-01,2027-12-31,\nH-NOWHERE,discipline,ct,eqa,true,2026-01-01,2026-12-31,\n',
    );
    const imported = huren(sqlite, 'import', 'qualifications', file);
    expect(imported.stdout).toContain('qualifications: 1 saved, 1 refused');
    expect(
      await db('qualifications').where({
        institution_id: 'H-CQ-004',
        scope_code: 'radiography',
        valid_from: '2026-01-01',
      }),
    ).toHaveLength(1);

    // Registers and revokes a CDS client.
    const jwks = join(folder, 'jwks.json');
    writeFileSync(jwks, JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-384', x: 'x', y: 'y', kid: 'k' }] }));
    expect(
      huren(
        sqlite,
        'clients',
        'register',
        '--issuer',
        'https://ehr.cli.example',
        '--hospital',
        'H-CQ-002',
        '--jwks',
        jwks,
        '--fhir-server',
        'https://fhir.cli.example/r4',
      ).stdout,
    ).toContain('registered https://ehr.cli.example for H-CQ-002');
    const listed = huren(sqlite, 'clients', 'list').stdout;
    expect(listed).toMatch(/https:\/\/ehr\.cli\.example\s+H-CQ-002\s+active/);
    // The FHIR servers Huren may read for it, given as a flag and listed back (issue 23 point 17).
    expect(listed).toContain('fhirServers: https://fhir.cli.example/r4');
    const revoked = huren(sqlite, 'clients', 'revoke', 'https://ehr.cli.example').stdout;
    expect(revoked).toContain('revoked');
    // When it applies, said in the output (issue 18 point 7).
    expect(revoked).toContain('within 30 seconds');
    expect(revoked).toContain('POST /api/platform/clients/revoke');
    await db.destroy();
  }, 120_000);

  it('changes regions and alliances, previews an import and withdraws a qualification, as the console does (issue 21 point 9)', async () => {
    const { folder, sqlite } = seededStore('registry.sqlite');
    const db = knex({ client: 'sqlite3', connection: { filename: sqlite }, useNullAsDefault: true });
    try {
      // A region's policy from a file, checked as the API checks it.
      const listed = huren(sqlite, 'regions', 'list').stdout;
      expect(listed).toMatch(/^CQ\s+重庆市/m);
      const cq = (await loadRegions(db)).find((region) => region.code === 'CQ');
      const policy = { ...cq, markRequired: true };
      const file = join(folder, 'cq.json');
      writeFileSync(file, JSON.stringify(policy));
      const saved = huren(sqlite, 'regions', 'set', file);
      expect(saved.stdout).toContain('saved region CQ');
      expect(huren(sqlite, 'regions', 'list').stdout).toMatch(/^CQ\s+重庆市\s+marks required/m);
      writeFileSync(file, JSON.stringify({ ...policy, markRequired: 'yes' }));
      expect(huren(sqlite, 'regions', 'set', file).stderr).toContain('markRequired');
      // A partner that is no region is refused here as by the API.
      writeFileSync(file, JSON.stringify({ ...policy, partnerRegions: ['XX'] }));
      expect(huren(sqlite, 'regions', 'set', file).stderr).toContain('no other region XX');

      expect(
        huren(sqlite, 'alliances', 'set', '--id', 'A-CLI', '--name', '南川区医共体', '--kind', 'close').stdout,
      ).toContain('saved alliance A-CLI (close)');
      expect(huren(sqlite, 'alliances', 'list').stdout).toMatch(/^A-CLI\s+close\s+南川区医共体/m);
      expect(huren(sqlite, 'alliances', 'set', '--id', 'A-CLI', '--name', 'x', '--kind', 'tight').status).toBe(2);

      const csv = join(folder, 'institutions.csv');
      writeFileSync(
        csv,
        'id,name,level,grade,region,alliances,localCodeSystems\nH-CQ-301,南川区人民医院,2,甲,CQ,A-CLI,\n',
      );
      expect(huren(sqlite, 'import', 'institutions', csv, '--preview').stdout).toContain(
        'institutions: 1 would be saved, 0 refused (preview: nothing saved)',
      );
      expect(await db('institutions').where('id', 'H-CQ-301')).toEqual([]);
      expect(huren(sqlite, 'import', 'institutions', csv).stdout).toContain('institutions: 1 saved, 0 refused');

      const [qualification] = await db('qualifications').whereNull('withdrawn_on').select('id', 'institution_id');
      expect(huren(sqlite, 'qualifications', 'list', '--institution', qualification.institution_id).stdout).toMatch(
        new RegExp(`^${qualification.id}\\s+${qualification.institution_id}`, 'm'),
      );
      expect(huren(sqlite, 'qualifications', 'withdraw', String(qualification.id)).status).toBe(2);
      expect(
        huren(sqlite, 'qualifications', 'withdraw', String(qualification.id), '--on', '2026-03-01').stdout,
      ).toContain(`withdrew qualification ${qualification.id} from 2026-03-01`);
      expect((await db('qualifications').where('id', qualification.id).first()).withdrawn_on).toBe('2026-03-01');
      expect(huren(sqlite, 'qualifications', 'withdraw', '999999', '--on', '2026-03-01').stderr).toContain(
        'no qualification 999999',
      );
    } finally {
      await db.destroy();
    }
  }, 120_000);

  it('reads the same settings as the server (.env in the folder it runs from) and says which store it used (issue 11 point 15)', () => {
    const folder = tempDir();
    writeFileSync(join(folder, '.env'), 'SQLITE_FILE=from-dotenv.sqlite\nNODE_ENV=development\n');
    const { SQLITE_FILE: _file, DATABASE_URL: _url, ...environment } = process.env;
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href,
        join(ROOT, 'server', 'cli', 'huren.ts'),
        'tokens',
        'list',
      ],
      {
        cwd: folder,
        env: environment,
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`store: SQLite ${join(folder, 'from-dotenv.sqlite')} (SQLITE_FILE)`);
  }, 60_000);

  it('names a PostgreSQL store by server and database, never its password', () => {
    expect(describeStore({ client: 'pg', url: 'postgres://huren:s3cret@db.internal:5432/huren' })).toBe(
      'PostgreSQL huren@db.internal:5432/huren (DATABASE_URL)',
    );
  });
});

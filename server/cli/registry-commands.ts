import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { allianceSchema, regionPolicySchema } from '../contract/admin';
import type { Database } from '../store/database';
import { listQualifications, loadAlliances, loadRegions, saveAlliance, withdrawQualification } from '../store/registry';
import { saveRegionVersion } from '../store/region-history';
import { unknownPartner } from '../platform/region-partners';

/** What the platform console does with regions, alliances and withdrawals, for scripts (issue 21 point 9). */
export const REGISTRY_USAGE = `  regions list
  regions set <policy.json>   a region's policy, as PUT /api/platform/regions/{code} takes it
  alliances list
  alliances set --id <id> --name <name> [--kind close|loose]
  qualifications list [--institution <institution id>]
  qualifications withdraw <qualification id> --on <YYYY-MM-DD>
`;

type Fail = (message: string) => never;
const out = (line: string) => process.stdout.write(`${line}\n`);
const problemOf = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) =>
  `${error.issues[0]?.path.map(String).join('.') ?? ''}: ${error.issues[0]?.message ?? 'invalid'}`;

export async function regions(db: Database, args: string[], fail: Fail): Promise<void> {
  const [action, file] = args;
  if (action === 'list') {
    for (const region of await loadRegions(db))
      out(
        `${region.code}  ${region.name}  marks ${region.markRequired ? 'required' : 'optional'}  partners ${region.partnerRegions.join(',') || '-'}`,
      );
  } else if (action === 'set' && file) {
    const parsed = regionPolicySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) fail(`regions set: ${problemOf(parsed.error)}`);
    const stranger = await unknownPartner(db, parsed.data);
    if (stranger !== null) fail(`regions set: partnerRegions: no other region ${stranger} to be a partner`);
    const version = await saveRegionVersion(db, parsed.data, { action: 'save', by: 'npm run huren', at: new Date() });
    out(`saved region ${parsed.data.code} as version ${version}`);
  } else fail('regions: list, or set <policy.json>');
}

export async function alliances(db: Database, args: string[], fail: Fail): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } },
  });
  if (positionals[0] === 'list') {
    for (const alliance of await loadAlliances(db)) out(`${alliance.id}  ${alliance.kind}  ${alliance.name}`);
  } else if (positionals[0] === 'set') {
    const parsed = allianceSchema.safeParse({ id: values.id, name: values.name, kind: values.kind });
    if (!parsed.success) fail(`alliances set: ${problemOf(parsed.error)}`);
    await saveAlliance(db, parsed.data);
    out(`saved alliance ${parsed.data.id} (${parsed.data.kind})`);
  } else fail('alliances: list, or set --id --name [--kind close|loose]');
}

export async function qualifications(db: Database, args: string[], fail: Fail): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { institution: { type: 'string' }, on: { type: 'string' } },
  });
  const [action, id] = positionals;
  if (action === 'list') {
    for (const q of await listQualifications(db, values.institution)) {
      const scope = q.scope.kind === 'item' ? q.scope.itemCode : q.scope.discipline;
      out(
        `${q.id}  ${q.institutionId}  ${scope}  ${q.kind}  ${q.passed ? 'passed' : 'failed'}  ${q.validFrom}..${q.validUntil}${q.withdrawnOn ? `  withdrawn ${q.withdrawnOn}` : ''}`,
      );
    }
  } else if (action === 'withdraw' && id) {
    if (!values.on || !/^\d{4}-\d{2}-\d{2}$/.test(values.on)) fail('qualifications withdraw needs --on YYYY-MM-DD');
    if (!(await withdrawQualification(db, Number(id), values.on))) fail(`no qualification ${id}`);
    out(`withdrew qualification ${id} from ${values.on}`);
  } else fail('qualifications: list [--institution], or withdraw <id> --on YYYY-MM-DD');
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/config';
import { orderRequest, sampleRequest } from '../support/hook-requests';
import { freePort, postJson } from '../support/server';

const ROOT = join(import.meta.dirname, '..', '..');
let child: ChildProcess;
let url: string;
let output = '';

/**
 * `npm start` on a fresh machine: migrate a new SQLite file, seed the demo data, serve. The first call
 * is made the moment the server says it listens (issue 17 point 6: ready means ready).
 */
let mllpPort = 0;

beforeAll(async () => {
  mllpPort = await freePort();
  const sqlite = join(tempDir(), 'nested', 'huren.sqlite');
  child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: '0',
      SQLITE_FILE: sqlite,
      HL7_MLLP_PORT: String(mllpPort),
      CDS_AUTH: 'off',
      SEED_DEMO: '',
      LOG_LEVEL: 'info',
      PUBLIC_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in time:\n${output}`)), 60_000);
    const check = setInterval(() => {
      const port = /"port":(\d+)/.exec(output)?.[1];
      if (port) {
        clearInterval(check);
        clearTimeout(timer);
        url = `http://127.0.0.1:${port}`;
        resolve();
      }
    }, 100);
  });
}, 90_000);

afterAll(() => {
  if (child.pid) process.kill(-child.pid, 'SIGTERM');
});

describe('npm start', () => {
  it('serves the seeded demo from its first answer: the sample order-select gets its card', async () => {
    const { status, body } = await postJson(
      `${url}/cds-services/recognition-order-select`,
      sampleRequest('order-select-zhang-wei.json'),
    );
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
  });

  it('announces that CDS_AUTH is off', () => {
    expect(output).toContain('CDS_AUTH=off');
  });

  it('had loaded the demo data before it listened', () => {
    expect(output.indexOf('demo data loaded')).toBeGreaterThan(-1);
    expect(output.indexOf('demo data loaded')).toBeLessThan(output.indexOf('Huren listening'));
  });

  it('is ready, and says what it prepared', async () => {
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', migrations: 'current', demoData: 'loaded' });
  });

  it('takes the demo LIS’s HL7 v2 message over MLLP (npm run huren -- send hl7v2), and 梁伟 gets his first card', async () => {
    const sent = spawnSync('npm', ['run', '-s', 'huren', '--', 'send', 'hl7v2'], {
      cwd: ROOT,
      env: { ...process.env, HL7_MLLP_PORT: String(mllpPort), SQLITE_FILE: join(tempDir(), 'unused.sqlite') },
      encoding: 'utf8',
    });
    expect(sent.stdout).toMatch(/MSA\|AA\|DEMO-/);
    const { status, body } = await postJson(
      `${url}/cds-services/recognition-order-select`,
      orderRequest('order-select', 'liang-wei', ['LAB-K']),
    );
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
    expect(body.cards[0].detail).toContain('嘉陵江中心医院');
  });
});

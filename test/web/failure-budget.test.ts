import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureBudget } from '../../server/web/failure-budget';

let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use(failureBudget(3));
  app.get('/ok', (_request, response) => void response.json({ ok: true }));
  app.get('/refused', (_request, response) => void response.status(401).end());
  app.get('/invalid', (_request, response) => void response.status(400).json({ error: 'bad input' }));
  app.use(
    (error: { status?: number }, _request: express.Request, response: express.Response, _next: express.NextFunction) =>
      void response.status(error.status ?? 500).end(),
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const statusOf = async (path: string) => (await fetch(`${url}${path}`)).status;

describe('the failure budget per source (server/web/failure-budget.ts)', () => {
  it('counts failures only: successes never spend it; malformed bodies (400) and refusals do, and the fourth in a minute gets 429 with Retry-After', async () => {
    for (let call = 0; call < 20; call += 1) expect(await statusOf('/ok')).toBe(200);
    expect([await statusOf('/invalid'), await statusOf('/refused'), await statusOf('/refused')]).toEqual([
      400, 401, 401,
    ]);
    const throttled = await fetch(`${url}/ok`);
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});

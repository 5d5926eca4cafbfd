import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** The real server in its own process (node + tsx, one process, so SIGKILL hits the server itself). */
export async function launch(env: Record<string, string>, readyLine: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: '0',
      CDS_AUTH: 'off',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      PUBLIC_URL: 'http://huren.test',
      // Servers run side by side in the suites: none takes the development MLLP port.
      HL7_MLLP_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const check = setInterval(() => {
      const found = /"port":(\d+)/.exec(output)?.[1];
      if (found && output.includes(readyLine)) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(found);
      }
    }, 50);
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

import { screen } from '@testing-library/react';
import type { setupServer } from 'msw/node';
import { beforeAll } from 'vitest';
import { loadPage } from './support/app';
import { ADMIN_TOKEN, FakeAdminApi } from './admin-fake-api';

/** The admin console's chunk (grids included), imported once per file before the tests. */
export function preloadAdminConsole(): void {
  beforeAll(async () => {
    await import('../../smart-app/src/admin/AdminConsole');
  }, 60_000);
}

/** Opens /app/admin signed in (the token in the tab's storage), once the rules in force show. */
export async function openAdminConsole(
  network: ReturnType<typeof setupServer>,
  api = new FakeAdminApi(),
): Promise<FakeAdminApi> {
  network.use(...api.handlers());
  window.sessionStorage.setItem('huren.console.admin.token', ADMIN_TOKEN);
  await loadPage('/app/admin');
  // By its text: a role query walks the whole page on every poll, which jsdom makes slow.
  await screen.findByText('当前规则');
  return api;
}

import { cleanup, configure, render, screen, type RenderResult } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import type { FakeDecisionApi } from './decision-api';
import { AUTH_CODE, MockEhr } from './ehr';

// A busy machine loads lazy chunks and renders MUI slowly: findBy* and waitFor wait for the thing
// itself, and only a test that never gets it ends at this bound, below vitest's testTimeout.
configure({ asyncUtilTimeout: 60_000 });

/**
 * The network around the app: nothing gets out unanswered (`onUnhandledRequest: 'error'`). Call once
 * at the top of a test file; each test adds the EHR and our API it needs.
 */
export function mockNetwork(): ReturnType<typeof setupServer> {
  const network = setupServer();
  beforeAll(async () => {
    network.listen({ onUnhandledRequest: 'error' });
    // React, MUI and the pickers load once per file here, so each test's time is its own.
    await import('../../../smart-app/src/app/App');
  });
  afterEach(() => {
    cleanup();
    network.resetHandlers();
    window.localStorage.clear();
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
  afterAll(() => network.close());
  return network;
}

/**
 * Renders the app afresh on `path`, as the browser would load the page (and as main.tsx does, in
 * StrictMode): our modules are imported anew, since the launch keeps one completion per page load.
 */
export async function loadPage(path: string): Promise<RenderResult> {
  window.history.replaceState(null, '', path);
  vi.resetModules();
  const { App } = await import('../../../smart-app/src/app/App');
  return render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

/** The first step of the launch on /app/launch, driven through our launch module: the authorize URL. */
export async function startLaunch(
  ehr: MockEhr,
  query = `launch=${ehr.launch}&iss=${encodeURIComponent(ehr.iss)}`,
): Promise<URL> {
  window.history.replaceState(null, '', `/app/launch?${query}`);
  vi.resetModules();
  const { beginLaunch } = await import('../../../smart-app/src/launch/smart');
  return new URL(await beginLaunch());
}

/** The authorization server sends the browser back to /app/ with the code and the state it was given. */
export function returnFromAuthorization(authorize: URL): Promise<RenderResult> {
  return loadPage(`/app/?code=${AUTH_CODE}&state=${authorize.searchParams.get('state') ?? ''}`);
}

export interface OpenedCard {
  readonly ehr: MockEhr;
  readonly api: FakeDecisionApi;
}

/** The doctor opens the card's smart link: the whole launch, up to the decision screen on show. */
export async function openCard(
  network: ReturnType<typeof setupServer>,
  api: FakeDecisionApi,
  ehr = new MockEhr(),
  ...more: RequestHandler[]
): Promise<OpenedCard> {
  network.use(...more, ...ehr.handlers(), ...api.handlers());
  await returnFromAuthorization(await startLaunch(ehr));
  await screen.findByRole('heading', { level: 1 });
  return { ehr, api };
}

/**
 * The doctor's mouse and keyboard. The check for `pointer-events: none` reads the computed style of
 * every ancestor on every pointer action, which in jsdom costs more than the rest of a test; the
 * buttons we press are disabled with the `disabled` attribute, which still stops the click.
 */
export function doctor(): ReturnType<typeof userEvent.setup> {
  return userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
}

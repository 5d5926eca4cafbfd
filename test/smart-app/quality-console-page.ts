import { screen } from '@testing-library/react';
import type { setupServer } from 'msw/node';
import { beforeAll, onTestFinished, vi } from 'vitest';
import { loadPage } from './support/app';
import { FakeQualityApi, QUALITY_TOKEN } from './quality-fake-api';

/**
 * The quality console comes in its own chunk with the grid and the charts: imported once per file
 * before the tests, so the first test's time is its own (as the app's own modules are in mockNetwork).
 */
export function preloadQualityConsole(): void {
  beforeAll(async () => {
    await import('../../smart-app/src/quality/QualityConsole');
  }, 60_000);
}

/** Opens /app/quality at `path` signed in (the token in the tab's storage, as after signing in), once the figures show. */
export async function openQualityConsole(
  network: ReturnType<typeof setupServer>,
  path = '/app/quality',
  api = new FakeQualityApi(),
): Promise<FakeQualityApi> {
  network.use(...api.handlers());
  window.sessionStorage.setItem('huren.console.quality.token', QUALITY_TOKEN);
  await loadPage(path);
  // By its text: a role query walks the whole grid-and-chart page on every poll, which jsdom makes slow.
  await screen.findByText('总体情况');
  return api;
}

/** The query string of the page's address, as a shared link would carry it. */
export function addressQuery(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

export interface SavedFile {
  readonly name: string;
  readonly blob: Blob;
}

/**
 * Files the console hands to the browser's downloads in this test: jsdom has no object URLs and
 * does not download, so both are stood in for here, and put back when the test ends.
 */
export function captureDownloads(): SavedFile[] {
  const saved: SavedFile[] = [];
  const blobs = new Map<string, Blob>();
  const original = {
    create: Object.getOwnPropertyDescriptor(URL, 'createObjectURL'),
    revoke: Object.getOwnPropertyDescriptor(URL, 'revokeObjectURL'),
  };
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    value: (blob: Blob) => {
      const url = `blob:${window.location.origin}/${blobs.size + 1}`;
      blobs.set(url, blob);
      return url;
    },
  });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: (url: string) => blobs.delete(url) });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function saveLink(this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob) saved.push({ name: this.download, blob });
  });
  onTestFinished(() => {
    for (const [name, descriptor] of [
      ['createObjectURL', original.create],
      ['revokeObjectURL', original.revoke],
    ] as const) {
      if (descriptor) Object.defineProperty(URL, name, descriptor);
      else Reflect.deleteProperty(URL, name);
    }
  });
  return saved;
}

import { http, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';

/**
 * msw stands in for the EHR's FHIR server (outside us). Our own server on 127.0.0.1 is real and
 * passes through; any other unexpected request fails the test.
 */
export type MockEhr = ReturnType<typeof setupServer>;

export function mockEhr(...handlers: RequestHandler[]): MockEhr {
  const mock = setupServer(...handlers);
  mock.listen({
    onUnhandledRequest(request, print) {
      if (new URL(request.url).hostname === '127.0.0.1') return;
      print.error();
    },
  });
  return mock;
}

export { http };

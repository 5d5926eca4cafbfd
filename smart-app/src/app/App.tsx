import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { LanguageProvider } from '../i18n/language';
import { AppProviders } from './AppProviders';
import { createAppRouter } from './routes';

export function App() {
  // Made on first render, not on import: the router reads the page address when it is created.
  const [router] = useState(createAppRouter);
  return (
    <LanguageProvider>
      <AppProviders>
        <RouterProvider router={router} />
      </AppProviders>
    </LanguageProvider>
  );
}

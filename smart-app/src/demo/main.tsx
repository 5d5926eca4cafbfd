import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from '../app/AppProviders';
import { LanguageProvider } from '../i18n/language';
import { Workstation } from './Workstation';

/** The demo workstation's page (/demo), with the SMART app's theme and language switch. */
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LanguageProvider>
        <AppProviders>
          <Workstation />
        </AppProviders>
      </LanguageProvider>
    </StrictMode>,
  );
}

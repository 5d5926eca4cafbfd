import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { Link, useLocation } from 'react-router';
import { useConsoleMessages } from './i18n/messages';
import type { ConsoleRole } from './session';

type ConsolePage =
  | 'quality'
  | 'admin'
  | 'accessLog'
  | 'quarantine'
  | 'institutions'
  | 'qualifications'
  | 'regions'
  | 'catalog'
  | 'connections'
  | 'figures';

/** Each console's pages (under /app/), all behind the same sign-in: the token is the console's. */
const PAGES: Record<ConsoleRole, readonly { readonly path: string; readonly page: ConsolePage }[]> = {
  quality: [
    { path: '/quality', page: 'quality' },
    { path: '/quality/access-log', page: 'accessLog' },
  ],
  admin: [
    { path: '/admin', page: 'admin' },
    { path: '/admin/access-log', page: 'accessLog' },
    { path: '/admin/quarantine', page: 'quarantine' },
  ],
  platform: [
    { path: '/platform', page: 'institutions' },
    { path: '/platform/qualifications', page: 'qualifications' },
    { path: '/platform/regions', page: 'regions' },
    { path: '/platform/catalog', page: 'catalog' },
    { path: '/platform/connections', page: 'connections' },
    { path: '/platform/figures', page: 'figures' },
    { path: '/platform/access-log', page: 'accessLog' },
  ],
};

/** Links between a console's pages, the current one marked for screen readers. */
export function ConsoleNavigation({ role }: { readonly role: ConsoleRole }) {
  const { messages } = useConsoleMessages();
  const t = messages.consoles.navigation;
  const { pathname } = useLocation();
  return (
    <Stack component="nav" aria-label={t.label} direction="row" spacing={1}>
      {PAGES[role].map(({ path, page }) => {
        const current = pathname.replace(/\/$/, '') === path;
        return (
          <Button
            key={path}
            component={Link}
            to={path}
            size="small"
            variant={current ? 'contained' : 'text'}
            disableElevation
            aria-current={current ? 'page' : undefined}
          >
            {t.pages[page]}
          </Button>
        );
      })}
    </Stack>
  );
}

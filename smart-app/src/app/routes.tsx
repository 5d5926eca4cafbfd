import { createBrowserRouter, type RouteObject } from 'react-router';
import { DecisionPage } from '../decisions/DecisionPage';
import { LaunchPage } from '../launch/LaunchPage';
import { AppFrame } from './AppFrame';
import { APP_BASE_PATH } from './base-path';
import { NotFoundPage } from './NotFoundPage';

/**
 * The pages under /app/. `/` is the SMART redirect URI, where the launch completes and the card is
 * decided. The quality console (`quality`) and the admin console (`admin`) are added here as siblings.
 */
export const routes: RouteObject[] = [
  {
    element: <AppFrame />,
    children: [
      { index: true, element: <DecisionPage /> },
      { path: 'launch', element: <LaunchPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes, { basename: APP_BASE_PATH });
}

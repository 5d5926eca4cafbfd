import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { ConsoleLoading } from '../consoles/ConsoleLoading';
import { DecisionPage } from '../decisions/DecisionPage';
import { HisDecisionPage } from '../his/HisDecisionPage';
import { LaunchPage } from '../launch/LaunchPage';
import { AppFrame } from './AppFrame';
import { APP_BASE_PATH } from '../shared/base-path';
import { NotFoundPage } from './NotFoundPage';

/**
 * The consoles load on demand, each in its own chunk with its charts and grids: the doctor's decision
 * screen, opened from every card, does not download them.
 */
const QualityConsole = lazy(() =>
  import('../quality/QualityConsole').then((module) => ({ default: module.QualityConsole })),
);
const AdminConsole = lazy(() => import('../admin/AdminConsole').then((module) => ({ default: module.AdminConsole })));
const QuarantineConsole = lazy(() =>
  import('../quarantine/QuarantineConsole').then((module) => ({ default: module.QuarantineConsole })),
);
const PlatformConsole = lazy(() =>
  import('../platform/InstitutionsPage').then((module) => ({ default: module.PlatformConsole })),
);
const PlatformConnections = lazy(() =>
  import('../platform/ConnectionsPage').then((module) => ({ default: module.PlatformConnections })),
);
const PlatformQualifications = lazy(() =>
  import('../platform/QualificationsPage').then((module) => ({ default: module.PlatformQualifications })),
);
const PlatformFigures = lazy(() =>
  import('../platform/FiguresPage').then((module) => ({ default: module.PlatformFigures })),
);
const PlatformRegions = lazy(() =>
  import('../platform/RegionsPage').then((module) => ({ default: module.PlatformRegions })),
);
const PlatformCatalog = lazy(() =>
  import('../platform/CatalogPage').then((module) => ({ default: module.PlatformCatalog })),
);
const PlatformSource = lazy(() =>
  import('../platform/SourcePage').then((module) => ({ default: module.PlatformSource })),
);
const AccessLogConsole = lazy(() =>
  import('../access-log/AccessLogConsole').then((module) => ({ default: module.AccessLogConsole })),
);

const onDemand = (page: ReactNode) => <Suspense fallback={<ConsoleLoading />}>{page}</Suspense>;

/**
 * The pages under /app/. `/` is the SMART redirect URI, where the launch completes and the card is
 * decided. The quality console (`quality`) and the admin console (`admin`) have their own, wider frame;
 * each reaches the access log (`…/access-log`) with its own sign-in.
 */
export const routes: RouteObject[] = [
  {
    element: <AppFrame />,
    children: [
      { index: true, element: <DecisionPage /> },
      { path: 'launch', element: <LaunchPage /> },
      { path: 'his', element: <HisDecisionPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  { path: 'quality', element: onDemand(<QualityConsole />) },
  { path: 'admin', element: onDemand(<AdminConsole />) },
  { path: 'quality/access-log', element: onDemand(<AccessLogConsole role="quality" />) },
  { path: 'admin/access-log', element: onDemand(<AccessLogConsole role="admin" />) },
  { path: 'admin/quarantine', element: onDemand(<QuarantineConsole />) },
  { path: 'platform', element: onDemand(<PlatformConsole />) },
  { path: 'platform/qualifications', element: onDemand(<PlatformQualifications />) },
  { path: 'platform/connections', element: onDemand(<PlatformConnections />) },
  { path: 'platform/figures', element: onDemand(<PlatformFigures />) },
  { path: 'platform/regions', element: onDemand(<PlatformRegions />) },
  { path: 'platform/catalog', element: onDemand(<PlatformCatalog />) },
  { path: 'platform/sources/:id', element: onDemand(<PlatformSource />) },
  { path: 'platform/access-log', element: onDemand(<AccessLogConsole role="platform" />) },
];

export function createAppRouter() {
  return createBrowserRouter(routes, { basename: APP_BASE_PATH });
}

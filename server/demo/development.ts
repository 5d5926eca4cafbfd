import type { Router } from 'express';
import { seedDemo, type SeedCounts, type SeedSettings } from '../../fixtures/seed';
import type { Config } from '../config';
import type { Services } from '../services';
import type { Database } from '../store/database';
import { demoRoutes } from './routes';

/**
 * Everything the server has only outside production, in one place: the demo workstation, the
 * development SMART authorization server and FHIR endpoint (their routes), and the demo data. The
 * server loads this module with a dynamic import when NODE_ENV is not production, so production code
 * imports neither fixtures/ nor server/demo/ (dependency-cruiser holds it: tools/lint/dependency-cruiser.cjs).
 */
export interface Development {
  readonly routes: (services: Services) => Router;
  /** The demo data into the store: the catalog, the registry, and every demo patient's reports. */
  readonly seed: (db: Database, config: Config, now: Date) => Promise<SeedCounts>;
}

export const seedSettings = (config: Config, now: Date): SeedSettings => ({
  now,
  timeZone: config.timeZone,
  patientKeySecret: config.patientKeySecret,
  patientIdentifierSystems: config.patientIdentifierSystems,
});

export const development: Development = {
  routes: demoRoutes,
  seed: (db, config, now) => seedDemo(db, seedSettings(config, now), () => undefined),
};

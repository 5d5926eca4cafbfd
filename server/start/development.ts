import type { Config } from '../config';
import type { Development } from '../demo/development';

/**
 * The development parts (demo routes and data), loaded only outside production: a dynamic import, so
 * a production server never loads server/demo/ or fixtures/.
 */
export async function loadDevelopment(config: Config): Promise<Development | null> {
  return config.production ? null : (await import('../demo/development')).development;
}

import type { Institution } from './institution';
import type { LowerLevelAcceptance, RegionPolicy } from './policy';
import { fail, PASS, type Check } from './reasons';

function shareAlliance(a: Institution, b: Institution): boolean {
  return a.alliances.some((alliance) => b.alliances.includes(alliance));
}

/**
 * Who accepts whose results: everything inside one medical alliance; otherwise only from the region
 * or its partner regions, same level mutually, a lower level accepts a higher one, and a higher level
 * accepts a lower one only where the (possibly widened) acceptance says so.
 */
export function checkScope(
  ordering: Institution,
  performing: Institution,
  policy: RegionPolicy,
  lowerLevelAcceptance: LowerLevelAcceptance,
): Check {
  if (ordering.id === performing.id || shareAlliance(ordering, performing)) return PASS;
  if (performing.region !== ordering.region && !policy.partnerRegions.includes(performing.region)) {
    return fail('scope.region');
  }
  if (performing.level >= ordering.level) return PASS;
  return lowerLevelAcceptance === 'all' ? PASS : fail('scope.lower-level');
}

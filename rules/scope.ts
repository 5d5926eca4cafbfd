import type { RecognitionItem } from './catalog';
import type { Institution } from './institution';
import type { LowerLevelAcceptance, RegionPolicy } from './policy';
import { fail, PASS, type Check } from './reasons';

function share(a: readonly string[], b: readonly string[]): boolean {
  return a.some((alliance) => b.includes(alliance));
}

export interface ScopeFacts {
  readonly ordering: Institution;
  readonly performing: Institution;
  readonly policy: RegionPolicy;
  readonly lowerLevelAcceptance: LowerLevelAcceptance;
  /** The result carries one of the region's marks. */
  readonly marked: boolean;
}

/**
 * Who accepts whose results: everything inside one medical alliance; otherwise only from the region
 * or its partner regions, same level mutually, a lower level accepts a higher one (002: 同级医疗机构间…
 * 予以互认。下级医疗机构对上级医疗机构…予以认可), and a higher level accepts a lower one only where the
 * (possibly widened) acceptance says so, or where the region sets no level rule for marked results.
 */
export function checkScope(facts: ScopeFacts): Check {
  const { ordering, performing, policy } = facts;
  if (ordering.id === performing.id || share(ordering.alliances, performing.alliances)) return PASS;
  if (performing.region !== ordering.region && !policy.partnerRegions.includes(performing.region)) {
    return fail('scope.region');
  }
  if (performing.level >= ordering.level) return PASS;
  if (facts.marked && policy.markedLevelRule === 'none') return PASS;
  return facts.lowerLevelAcceptance === 'all' ? PASS : fail('scope.lower-level');
}

/**
 * Items off the region's list are recognised only between members of one close alliance
 * (004: 紧密型医联体…实现医联体内医疗机构间全部项目互认), and of course within the hospital itself.
 */
export function checkListed(item: RecognitionItem, ordering: Institution, performing: Institution): Check {
  if (item.onRegionalList || ordering.id === performing.id) return PASS;
  return share(ordering.closeAlliances, performing.closeAlliances) ? PASS : fail('scope.off-list');
}

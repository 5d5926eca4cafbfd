import { describe, expect, it } from 'vitest';
import { checkScope, type Institution, type LowerLevelAcceptance } from '../../rules';
import {
  beijingTertiary, chongqing, otherTertiary, primaryOutside, secondaryInAlliance, secondaryOutside, sichuanTertiary, tertiary,
} from './world';

describe('scope: who accepts whose results', () => {
  it.each<{ name: string; ordering: Institution; performing: Institution; acceptance: LowerLevelAcceptance; expected: string | null }>([
    { name: 'a hospital accepts its own earlier results', ordering: tertiary, performing: tertiary, acceptance: 'alliance', expected: null },
    { name: 'same level mutually (tertiary ← tertiary)', ordering: tertiary, performing: otherTertiary, acceptance: 'alliance', expected: null },
    { name: 'same level mutually (secondary ← secondary)', ordering: secondaryOutside, performing: secondaryInAlliance, acceptance: 'alliance', expected: null },
    { name: 'a lower-level hospital accepts a higher level (secondary ← tertiary)', ordering: secondaryOutside, performing: tertiary, acceptance: 'alliance', expected: null },
    { name: 'a lower-level hospital accepts a higher level (primary ← secondary)', ordering: primaryOutside, performing: secondaryOutside, acceptance: 'alliance', expected: null },
    { name: 'higher accepts lower inside the same medical alliance', ordering: tertiary, performing: secondaryInAlliance, acceptance: 'alliance', expected: null },
    { name: 'higher does not accept lower outside the alliance', ordering: tertiary, performing: secondaryOutside, acceptance: 'alliance', expected: 'scope.lower-level' },
    { name: 'higher does not accept primary outside the alliance', ordering: tertiary, performing: primaryOutside, acceptance: 'alliance', expected: 'scope.lower-level' },
    { name: "higher accepts lower outside the alliance where the region's agreement (or a widened override) says so", ordering: tertiary, performing: secondaryOutside, acceptance: 'all', expected: null },
    { name: 'everything inside one alliance, upward too (secondary ← tertiary lead)', ordering: secondaryInAlliance, performing: tertiary, acceptance: 'alliance', expected: null },
    { name: 'a partner region (川渝) is recognised', ordering: tertiary, performing: sichuanTertiary, acceptance: 'alliance', expected: null },
    { name: 'a region without an agreement is not', ordering: tertiary, performing: beijingTertiary, acceptance: 'all', expected: 'scope.region' },
  ])('$name', ({ ordering, performing, acceptance, expected }) => {
    const check = checkScope(ordering, performing, chongqing, acceptance);
    expect(check.ok ? null : check.reason).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { checkListed, checkScope, type Institution, type LowerLevelAcceptance, type RegionPolicy } from '../../rules';
import {
  beijingTertiary,
  chongqing,
  esr,
  jingjinjilu,
  looseTertiary,
  markedRegion,
  otherTertiary,
  potassium,
  primaryOutside,
  secondaryInAlliance,
  secondaryOutside,
  sichuanTertiary,
  tertiary,
  tianjinSecondary,
} from './world';

interface Row {
  name: string;
  ordering: Institution;
  performing: Institution;
  acceptance: LowerLevelAcceptance;
  expected: string | null;
  policy?: RegionPolicy;
  marked?: boolean;
}

describe('scope: who accepts whose results', () => {
  // 002_e9c8f6f4790952a5.txt: "同级医疗机构间医学影像检查结果予以互认。下级医疗机构对上级医疗机构医学影像检查结果予以认可。"
  // and "城市医联体、县域医共体内各医疗机构对医学影像检查结果予以互认。"
  it.each<Row>([
    {
      name: 'a hospital accepts its own earlier results',
      ordering: tertiary,
      performing: tertiary,
      acceptance: 'alliance',
      expected: null,
    },
    {
      name: '同级…予以互认: same level mutually (tertiary ← tertiary)',
      ordering: tertiary,
      performing: otherTertiary,
      acceptance: 'alliance',
      expected: null,
    },
    {
      name: '同级…予以互认: same level mutually (secondary ← secondary)',
      ordering: secondaryOutside,
      performing: secondaryInAlliance,
      acceptance: 'alliance',
      expected: null,
    },
    {
      name: '下级…对上级…予以认可 (secondary ← tertiary)',
      ordering: secondaryOutside,
      performing: tertiary,
      acceptance: 'alliance',
      expected: null,
    },
    {
      name: '下级…对上级…予以认可 (primary ← secondary)',
      ordering: primaryOutside,
      performing: secondaryOutside,
      acceptance: 'alliance',
      expected: null,
    },
    {
      name: '医联体…内各医疗机构…予以互认: higher accepts lower inside the same alliance',
      ordering: tertiary,
      performing: secondaryInAlliance,
      acceptance: 'alliance',
      expected: null,
    },
    {
      name: 'higher does not accept lower outside the alliance',
      ordering: tertiary,
      performing: secondaryOutside,
      acceptance: 'alliance',
      expected: 'scope.lower-level',
    },
    {
      name: 'higher does not accept primary outside the alliance',
      ordering: tertiary,
      performing: primaryOutside,
      acceptance: 'alliance',
      expected: 'scope.lower-level',
    },
    {
      name: "higher accepts lower outside the alliance where the region's agreement (or a widened override) says so",
      ordering: tertiary,
      performing: secondaryOutside,
      acceptance: 'all',
      expected: null,
    },
    {
      name: 'everything inside one alliance, upward too (secondary ← tertiary lead)',
      ordering: secondaryInAlliance,
      performing: tertiary,
      acceptance: 'alliance',
      expected: null,
    },
    {
      name: 'a partner region (川渝) is recognised',
      ordering: tertiary,
      performing: sichuanTertiary,
      acceptance: 'alliance',
      expected: null,
    },
    {
      name: 'a region without an agreement is not',
      ordering: tertiary,
      performing: beijingTertiary,
      acceptance: 'all',
      expected: 'scope.region',
    },
  ])('$name', ({ ordering, performing, acceptance, expected }) => {
    const check = checkScope({
      ordering,
      performing,
      policy: chongqing,
      lowerLevelAcceptance: acceptance,
      marked: false,
    });
    expect(check.ok ? null : check.reason).toBe(expected);
  });

  // 001_0b4a79971fa7303c.txt: "对标有京津冀鲁区域互认标识的检查检验结果能认尽认"
  describe('京津冀鲁: marked results are recognised as far as possible, whatever the levels (001_0b4a79971fa7303c.txt: 能认尽认)', () => {
    it.each<Row>([
      {
        name: 'a tertiary hospital in Beijing recognises a marked result of a secondary hospital in Tianjin',
        ordering: beijingTertiary,
        performing: tianjinSecondary,
        acceptance: 'alliance',
        policy: jingjinjilu,
        marked: true,
        expected: null,
      },
      {
        name: 'an unmarked one still meets the level rule',
        ordering: beijingTertiary,
        performing: tianjinSecondary,
        acceptance: 'alliance',
        policy: jingjinjilu,
        marked: false,
        expected: 'scope.lower-level',
      },
      {
        name: 'a region whose policy keeps the level rule for marked results keeps it (data, not code)',
        ordering: beijingTertiary,
        performing: tianjinSecondary,
        acceptance: 'alliance',
        policy: { ...markedRegion, partnerRegions: ['TJ'] },
        marked: true,
        expected: 'scope.lower-level',
      },
      {
        name: 'the mark does not open a region without an agreement',
        ordering: beijingTertiary,
        performing: sichuanTertiary,
        acceptance: 'alliance',
        policy: jingjinjilu,
        marked: true,
        expected: 'scope.region',
      },
    ])('$name', ({ ordering, performing, acceptance, policy, marked, expected }) => {
      const check = checkScope({
        ordering,
        performing,
        policy: policy as RegionPolicy,
        lowerLevelAcceptance: acceptance,
        marked: marked as boolean,
      });
      expect(check.ok ? null : check.reason).toBe(expected);
    });
  });

  // 004_abbfdbaff83305ff.txt: "各紧密型医联体(含城市医疗集团和县域医共体)实现医联体内医疗机构间全部项目互认"
  describe('close alliances recognise all items (004_abbfdbaff83305ff.txt: 紧密型医联体…全部项目互认)', () => {
    it.each([
      {
        name: 'an item off the regional list, between members of one close alliance',
        item: esr,
        ordering: tertiary,
        performing: secondaryInAlliance,
        expected: null,
      },
      {
        name: 'an item off the list between members of a loose alliance only',
        item: esr,
        ordering: tertiary,
        performing: looseTertiary,
        expected: 'scope.off-list',
      },
      {
        name: 'an item off the list from outside any alliance',
        item: esr,
        ordering: tertiary,
        performing: otherTertiary,
        expected: 'scope.off-list',
      },
      {
        name: "an item off the list from the hospital's own laboratory",
        item: esr,
        ordering: tertiary,
        performing: tertiary,
        expected: null,
      },
      {
        name: 'an item on the list is not concerned',
        item: potassium,
        ordering: tertiary,
        performing: otherTertiary,
        expected: null,
      },
    ])('$name', ({ item, ordering, performing, expected }) => {
      const check = checkListed(item, ordering, performing);
      expect(check.ok ? null : check.reason).toBe(expected);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { itemSearch } from '../../smart-app/src/shared/item-search';

const CATALOG = [
  { code: 'LAB-CBC', nameZh: '血常规（五分类）', nameEn: 'Complete blood count', synonyms: ['血常规', 'CBC'] },
  {
    code: 'LAB-HBSAG',
    nameZh: '乙型肝炎病毒表面抗原',
    nameEn: 'Hepatitis B surface antigen',
    synonyms: ['乙肝表面抗原', '乙肝'],
  },
  { code: 'LAB-K', nameZh: '钾', nameEn: 'Potassium', synonyms: [] },
];
const search = itemSearch(CATALOG, (item) => ({
  names: [item.nameZh, item.nameEn, ...item.synonyms],
  codes: [item.code],
}));
const codes = (query: string) => search(query).map((item) => item.code);

describe('catalog search as clinicians type (issue 11 point 7)', () => {
  it('finds by pinyin initials and full pinyin of a Chinese name', () => {
    expect(codes('xcg')).toEqual(['LAB-CBC']);
    expect(codes('XueChangGui')).toEqual(['LAB-CBC']);
    expect(codes('j')).toContain('LAB-K');
  });

  it('finds by synonyms and abbreviations, and their pinyin', () => {
    expect(codes('乙肝')).toEqual(['LAB-HBSAG']);
    expect(codes('乙肝表面抗原')).toEqual(['LAB-HBSAG']);
    expect(codes('ygbmky')).toEqual(['LAB-HBSAG']);
    expect(codes('cbc')).toEqual(['LAB-CBC']);
  });

  it('still finds by any part of a name or code, and nothing for what matches nothing', () => {
    expect(codes('表面抗原')).toEqual(['LAB-HBSAG']);
    expect(codes('lab-k')).toEqual(['LAB-K']);
    expect(codes('potass')).toEqual(['LAB-K']);
    expect(codes('zzz')).toEqual([]);
  });
});

describe('ranking: exact names and synonyms before substrings (issue 23 point 5)', () => {
  const glycatedFirst = itemSearch(
    [
      { code: 'LAB-HBA1C', names: ['糖化血红蛋白', 'HbA1c'] },
      { code: 'LAB-HGB', names: ['血红蛋白', '血色素', 'HGB'] },
      { code: 'LAB-HGB-X', names: ['血红蛋白电泳'] },
    ],
    (item) => ({ names: item.names, codes: [item.code] }),
  );
  const ranked = (query: string) => glycatedFirst(query).map((item) => item.code);

  it('lists 血红蛋白 before 血红蛋白电泳 and 糖化血红蛋白, whatever the catalog order', () => {
    expect(ranked('血红蛋白')).toEqual(['LAB-HGB', 'LAB-HGB-X', 'LAB-HBA1C']);
  });

  it('ranks pinyin the same way: the whole name typed before names it begins', () => {
    expect(ranked('xhdb')[0]).toBe('LAB-HGB');
    expect(ranked('hgb')).toEqual(['LAB-HGB', 'LAB-HGB-X']);
  });
});

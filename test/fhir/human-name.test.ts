import type { HumanName } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { writtenName } from '../../server/contract/human-name';

describe('a HumanName as it is written, on the server and in the SMART app', () => {
  it.each<[string, HumanName[] | undefined, string | null]>([
    ['a Chinese name: family name first, no space', [{ family: '李', given: ['明'] }], '李明'],
    ['a Chinese name with two given parts', [{ family: '欧阳', given: ['小', '芳'] }], '欧阳小芳'],
    ['a Western name: given names first', [{ family: 'Smith', given: ['John', 'Paul'] }], 'John Paul Smith'],
    ['the text when the name has one', [{ text: ' 王医生 ', family: '王' }], '王医生'],
    [
      'the official name before the others',
      [
        { use: 'nickname', text: '小李' },
        { use: 'official', family: '李', given: ['明'] },
      ],
      '李明',
    ],
    ['only a family name', [{ family: '张' }], '张'],
    ['a name with nothing in it', [{ family: ' ', given: [''] }], null],
    ['no name', [], null],
    ['no name list', undefined, null],
  ])('%s', (_case, names, written) => {
    expect(writtenName(names)).toBe(written);
  });
});

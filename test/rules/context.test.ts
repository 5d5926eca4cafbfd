import { describe, expect, it } from 'vitest';
import { ENCOUNTER_KINDS, presentationFor, type EncounterKind } from '../../rules';
import { configure } from './world';

describe('context: an emergency encounter still gets the information, never a blocking prompt', () => {
  it.each<{ name: string; encounter: EncounterKind; silence: boolean; expected: string }>([
    { name: 'outpatient orders get a prompt', encounter: 'outpatient', silence: false, expected: 'prompt' },
    { name: 'inpatient orders get a prompt', encounter: 'inpatient', silence: true, expected: 'prompt' },
    {
      name: 'unknown encounter (no Encounter available) gets a prompt',
      encounter: 'unknown',
      silence: true,
      expected: 'prompt',
    },
    { name: 'emergency: information only', encounter: 'emergency', silence: false, expected: 'inform' },
    {
      name: 'emergency with the hospital switch off: no card',
      encounter: 'emergency',
      silence: true,
      expected: 'silent',
    },
  ])('$name', ({ encounter, silence, expected }) => {
    expect(
      presentationFor(
        encounter,
        configure({
          override: { disabledItems: [], disabledDisciplines: [], windowDays: {}, silenceInEmergency: silence },
        }),
      ),
    ).toBe(expected);
  });

  it('covers every encounter kind', () => {
    expect(ENCOUNTER_KINDS).toHaveLength(4);
  });
});

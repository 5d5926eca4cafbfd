import type { EffectiveConfiguration } from './configuration';

export const ENCOUNTER_KINDS = ['emergency', 'inpatient', 'outpatient', 'unknown'] as const;
export type EncounterKind = (typeof ENCOUNTER_KINDS)[number];

/**
 * How the verdict reaches the doctor. `prompt`: a card the doctor acts on; `inform`: the same
 * information, never blocking (emergency); `silent`: no card (the hospital switched emergency prompts off).
 */
export type Presentation = 'prompt' | 'inform' | 'silent';

export function presentationFor(encounter: EncounterKind, configuration: EffectiveConfiguration): Presentation {
  if (encounter !== 'emergency') return 'prompt';
  return configuration.silenceInEmergency ? 'silent' : 'inform';
}

import type { EffectiveConfiguration, EffectiveItem } from './configuration';
import type { OrderRefusal } from './reasons';

export type ItemCheck =
  { readonly ok: true; readonly item: EffectiveItem } | { readonly ok: false; readonly refusal: OrderRefusal };

/** The order maps to an item of the active catalog that the ordering hospital has not switched off. */
export function checkItem(itemCode: string | null, configuration: EffectiveConfiguration): ItemCheck {
  if (itemCode === null) return { ok: false, refusal: 'item.unmapped' };
  const item = configuration.items.get(itemCode);
  if (!item) return { ok: false, refusal: 'item.unmapped' };
  if (!item.item.active) return { ok: false, refusal: 'item.inactive' };
  if (item.disabled) return { ok: false, refusal: 'item.disabled' };
  return { ok: true, item };
}

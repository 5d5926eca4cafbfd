import type { AdminConsoleMessages as Messages } from './i18n/messages';
import type { Language } from '../i18n/language';
import type { RecognitionItem, RulesState } from './admin-model';
import type { OverrideChange } from './override-changes';

/** Names for what an override refers to by code: catalog items, disciplines, and each item's bound. */
export interface RuleNames {
  item(code: string): string;
  discipline(code: string): string;
  /** The longest window, in days, the hospital may set for the item. */
  bound(code: string): number | undefined;
  /** The catalog's window of the item, in its own unit (imaging: calendar months). */
  window(code: string): RecognitionItem['window'] | undefined;
}

export function ruleNames(
  messages: Messages,
  language: Language,
  catalog: readonly RecognitionItem[],
  bounds: RulesState['bounds'],
): RuleNames {
  const items = new Map(catalog.map((item) => [item.code, language === 'en' ? item.nameEn : item.nameZh]));
  const windows = new Map(catalog.map((item) => [item.code, item.window]));
  const disciplines: Readonly<Record<string, string>> = messages.consoles.disciplines;
  return {
    item: (code) => items.get(code) ?? code,
    discipline: (code) => disciplines[code] ?? code,
    bound: (code) => bounds.windowDays[code],
    window: (code) => windows.get(code),
  };
}

/** One change as a sentence: "胸部CT平扫 有效期：地区默认（90 天） → 30 天". */
export function describeChange(change: OverrideChange, messages: Messages, names: RuleNames): string {
  const t = messages.admin.changes;
  const options = messages.admin.editor;
  const orDefault = (text: string | undefined) => text ?? t.regionDefault;
  const yesNo = (value: boolean | undefined) => (value === undefined ? t.regionDefault : value ? t.yes : t.no);
  switch (change.kind) {
    case 'discipline':
      return (change.off ? t.disciplineOff : t.disciplineOn)(names.discipline(change.discipline));
    case 'item':
      return (change.off ? t.itemOff : t.itemOn)(names.item(change.itemCode));
    case 'window': {
      const window = names.window(change.itemCode);
      const regional = window && (window.unit === 'months' ? t.months(window.amount) : t.days(window.amount));
      const days = (value: number | undefined) =>
        value !== undefined
          ? t.days(value)
          : regional === undefined
            ? t.regionDefault
            : `${t.regionDefault} (${regional})`;
      return t.window(names.item(change.itemCode), days(change.before), days(change.after));
    }
    case 'indicator':
      return t.indicator(
        orDefault(change.before && options.indicator.options[change.before]),
        orDefault(change.after && options.indicator.options[change.after]),
      );
    case 'silenceInEmergency':
    case 'requireMethodMatch':
      return t[change.kind](yesNo(change.before), yesNo(change.after));
    case 'lowerLevelAcceptance':
      return t.acceptance(
        orDefault(change.before && options.acceptance.options[change.before]),
        orDefault(change.after && options.acceptance.options[change.after]),
      );
  }
}

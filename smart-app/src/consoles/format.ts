import dayjs from 'dayjs';
import type { Language } from '../i18n/language';

/** Numbers as the consoles show them: a rate as a percentage with one decimal, money in yuan. */

export function percent(rate: number | null, language: Language): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(rate);
}

export function yuan(amount: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' }).format(amount);
}

/** A stored instant (ISO, UTC) in the browser's local time, as `format` (the catalog's `time.format`). */
export function localTime(iso: string, format: string): string {
  return dayjs(iso).format(format);
}

/**
 * A FHIR dateTime as a UTC instant. A date without a time keeps its calendar day: it is placed at
 * 12:00 UTC, which falls on the same day everywhere from UTC-11 to UTC+11, China included.
 * Year or year-month precision is refused: a window counted in days needs the day.
 */
export function instantOf(value: string | undefined): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const noon = Date.parse(`${value}T12:00:00Z`);
    return Number.isNaN(noon) ? null : new Date(noon).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

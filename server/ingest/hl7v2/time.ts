/**
 * An HL7 v2 DTM (YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]) as an ISO instant, to the minute at least the
 * day. Without an offset the time is the region's local time (LIS in China send Beijing time).
 */
export function hl7Instant(value: string, timeZone: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})?(\d{2})?(?:\.\d+)?)?([+-]\d{4})?$/.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', zone] = match;
  const offset = zone
    ? `${zone.slice(0, 3)}:${zone.slice(3)}`
    : offsetOf(timeZone, `${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
  const instant = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  return Number.isNaN(instant.getTime()) ? null : `${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`;
}

/** The zone's UTC offset (+08:00) at about that time. */
function offsetOf(timeZone: string, near: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(near))
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

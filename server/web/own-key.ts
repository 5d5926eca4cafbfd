/**
 * A lookup by a name that came from outside (a path segment, a code in a request): own keys only,
 * so `constructor`, `__proto__` or `toString` are unknown names, not Object.prototype's members.
 */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

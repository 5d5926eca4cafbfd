import { XMLBuilder } from 'fast-xml-parser';
import { HttpError } from '../errors/http-error';
import { xmlText } from '../ingest/cda/xml';
import { safeXmlParser } from '../web/xml-parser';

/**
 * The HIS channel in XML, for HIS that post XML: the same fields as the JSON, element for element. A
 * list is a plural element holding singular ones (`<orders><order>…</order></orders>`).
 */

/** Plural list elements and the name of each entry. */
const LISTS: Record<string, string> = {
  orders: 'order',
  results: 'result',
  values: 'value',
  reasons: 'reason',
};

const parser = safeXmlParser({
  attributes: false,
  stripNamespaces: false,
  isArray: (name) => Object.values(LISTS).includes(name),
});

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false, processEntities: true });

/** XML elements as the JSON the schemas read: lists unwrapped, empty elements left out. */
function asJson(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asJson);
  if (typeof node !== 'object' || node === null) return node === '' ? undefined : node;
  const entries = Object.entries(node as Record<string, unknown>).flatMap(([key, value]): [string, unknown][] => {
    const entry = LISTS[key];
    if (entry && typeof value === 'object' && value !== null && !Array.isArray(value))
      return [[key, asJson((value as Record<string, unknown>)[entry] ?? [])]];
    const converted = asJson(value);
    return converted === undefined ? [] : [[key, converted]];
  });
  return Object.fromEntries(entries);
}

/** The body of an XML request under its root element (whatever the root is called), as JSON. */
export function xmlRequest(bytes: Buffer): unknown {
  const decoded = xmlText(bytes, 'UTF-8');
  if (!decoded.ok) throw new HttpError(400, 'invalid', decoded.reason, null);
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(decoded.text, true) as Record<string, unknown>;
  } catch (error) {
    throw new HttpError(
      400,
      'invalid',
      `不是格式正确的 XML：${error instanceof Error ? error.message.slice(0, 200) : ''}`,
      null,
    );
  }
  const root = Object.entries(parsed).find(([name]) => name !== '?xml')?.[1];
  return asJson(root ?? {});
}

/** JSON as XML elements: lists wrapped, null as an empty element. */
function asXml(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return { [LISTS[key] ?? 'item']: value.map((entry) => asXml(entry)) };
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, asXml(entry, name)]));
}

export function xmlAnswer(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: asXml(value) }) as string}`;
}

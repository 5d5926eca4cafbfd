import { isUtf8 } from 'node:buffer';
import { declaresDtd, safeXmlParser } from '../../web/xml-parser';
import iconv from 'iconv-lite';

/** An XML node as fast-xml-parser gives it: attributes under `@name`, text under `#text`. */
export type XmlNode = { readonly [key: string]: unknown };

/** Elements that may repeat in a CDA document: always arrays, so one and many read alike. */
const REPEATING = new Set([
  'id',
  'templateId',
  'component',
  'entry',
  'observation',
  'organizer',
  'section',
  'referenceRange',
  'participant',
  'author',
  'translation',
]);

// DTDs are refused before parsing (xmlText).
const parser = safeXmlParser({ attributes: true, stripNamespaces: true, isArray: (name) => REPEATING.has(name) });

export type XmlRead =
  | { readonly ok: true; readonly root: XmlNode; readonly text: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Bytes as an XML document: decoded by the charset its declaration names (GB18030, GBK, UTF-8), or
 * `fallback`. A document with a DTD or entity declarations is refused unread: no external entity is
 * fetched, no billion laughs expand.
 */
export function readXml(bytes: Buffer, fallback: string): XmlRead {
  const decoded = xmlText(bytes, fallback);
  if (!decoded.ok) return decoded;
  const { text } = decoded;
  try {
    return { ok: true, root: parser.parse(text, true) as XmlNode, text };
  } catch (error) {
    return { ok: false, reason: `不是格式正确的 XML：${error instanceof Error ? error.message.slice(0, 200) : ''}` };
  }
}

/**
 * Bytes as XML text, decoded by the charset its declaration names, or `fallback`; refused when it
 * carries a DTD or entity declarations (no external entity is ever fetched, no billion laughs expand).
 */
export function xmlText(
  bytes: Buffer,
  fallback: string,
): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string } {
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  const charset =
    declared && ['gb18030', 'gbk', 'gb2312'].includes(declared)
      ? 'gb18030'
      : (declared ?? (fallback.toUpperCase() === 'UTF-8' ? 'utf-8' : 'gb18030'));
  if ((charset === 'utf-8' || charset === 'utf8') && !isUtf8(bytes))
    return { ok: false, reason: '文档不是 UTF-8 编码：请在 XML 声明中注明 encoding="GB18030"' };
  if (!iconv.encodingExists(charset)) return { ok: false, reason: `不支持的字符集 ${charset}` };
  const text = iconv.decode(bytes, charset).replace(/^\uFEFF/, '');
  if (declaresDtd(text)) return { ok: false, reason: '文档含 DTD 或实体声明，已拒绝（不解析外部实体）' };
  return { ok: true, text };
}

/** The child element(s) of a node by name, as an array. */
export function children(node: unknown, name: string): XmlNode[] {
  if (typeof node !== 'object' || node === null) return [];
  const value = (node as XmlNode)[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter(
    (item): item is XmlNode => typeof item === 'object' && item !== null,
  );
}

export const child = (node: unknown, name: string): XmlNode | undefined => children(node, name)[0];

/** A path of element names from a node. */
export function at(node: unknown, ...path: string[]): XmlNode | undefined {
  return path.reduce<XmlNode | undefined>(
    (current, name) => (current ? child(current, name) : undefined),
    node as XmlNode,
  );
}

export function attribute(node: XmlNode | undefined, name: string): string {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value.trim() : '';
}

/** The element's text, whether it has attributes or not. */
export function textOf(node: unknown): string {
  if (typeof node === 'string') return node.trim();
  if (typeof node !== 'object' || node === null) return '';
  const value = (node as XmlNode)['#text'];
  return typeof value === 'string' ? value.trim() : '';
}

/** The text of the element at a path below a node (`text`, `name`: elements that hold only text). */
export function textAt(node: unknown, ...path: string[]): string {
  const last = path.at(-1);
  const parent = at(node, ...path.slice(0, -1));
  if (!parent || !last) return '';
  const value = parent[last];
  const first = Array.isArray(value) ? value[0] : value;
  return textOf(first);
}

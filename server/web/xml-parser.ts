import { XMLParser } from 'fast-xml-parser';

/** Whether XML text declares a DTD or entities: every XML way in refuses those unread (no external entity, no billion laughs). */
export const declaresDtd = (text: string): boolean => /<!DOCTYPE|<!ENTITY/i.test(text);

/**
 * A parser with the settings every XML way in shares (CDA, SOAP, XDS.b, the HIS channel): the five
 * XML entities and character references only, text kept as text (no number guessing), trimmed.
 * Attributes, when kept, are under `@name`.
 */
export function safeXmlParser(options: {
  readonly attributes: boolean;
  readonly stripNamespaces: boolean;
  readonly isArray?: (name: string) => boolean;
}): XMLParser {
  const { isArray } = options;
  return new XMLParser({
    ignoreAttributes: !options.attributes,
    attributeNamePrefix: '@',
    parseAttributeValue: false,
    removeNSPrefix: options.stripNamespaces,
    processEntities: true,
    htmlEntities: false,
    parseTagValue: false,
    trimValues: true,
    ...(isArray ? { isArray: (name: string) => isArray(name) } : {}),
  });
}

/**
 * A strict little XML parser for checking TwiML in tests (workerd has no DOMParser). It accepts
 * only well-formed documents: one root, balanced tags, quoted attributes, known entities. An
 * unescaped `<`, `&` or quote in the worker's output makes it throw or shows up as extra nodes.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAME = /[A-Za-z_][\w.-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.-]*)="([^"<]*)"/y;
const TEXT = /[^<]+/y;

function decodeEntities(text: string): string {
  if (/&(?!(amp|lt|gt|quot|apos|#x[0-9A-Fa-f]+|#\d+);)/.test(text)) {
    throw new Error(`Bare & in ${JSON.stringify(text)}`);
  }
  return text.replace(/&(amp|lt|gt|quot|apos|#x[0-9A-Fa-f]+|#\d+);/g, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[entity]) return named[entity];
    return String.fromCodePoint(
      entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
    );
  });
}

export function parseXml(document: string): XmlElement {
  let position = 0;
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(document);
  if (declaration) position = declaration[0].length;

  const fail = (what: string): never => {
    throw new Error(`${what} at ${position}: ${JSON.stringify(document.slice(position, position + 40))}`);
  };
  const read = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = position;
    const match = pattern.exec(document);
    if (match) position = pattern.lastIndex;
    return match;
  };

  function element(): XmlElement {
    if (document[position] !== '<') fail('Expected an element');
    position += 1;
    const name = read(NAME)?.[0] ?? fail('Expected a tag name');
    const attributes: Record<string, string> = {};
    for (let attribute = read(ATTRIBUTE); attribute; attribute = read(ATTRIBUTE)) {
      const [, key, value] = attribute as unknown as [string, string, string];
      if (Object.hasOwn(attributes, key)) fail(`Duplicate attribute ${key}`);
      attributes[key] = decodeEntities(value);
    }
    if (document.startsWith('/>', position)) {
      position += 2;
      return { name, attributes, children: [] };
    }
    if (document[position] !== '>') fail('Expected > or />');
    position += 1;
    const children: XmlNode[] = [];
    while (!document.startsWith('</', position)) {
      if (position >= document.length) fail(`Unclosed <${name}>`);
      const text = read(TEXT);
      if (text) children.push(decodeEntities(text[0]));
      else children.push(element());
    }
    position += 2;
    if (read(NAME)?.[0] !== name || document[position] !== '>') fail(`Expected </${name}>`);
    position += 1;
    return { name, attributes, children };
  }

  const root = element();
  if (position !== document.length) fail('Content after the root element');
  return root;
}

/** The element children of a node (text between elements ignored). */
export function elementsOf(node: XmlElement): XmlElement[] {
  return node.children.filter((child): child is XmlElement => typeof child !== 'string');
}

/** All the text of a node, entities decoded. */
export function textOf(node: XmlElement): string {
  return node.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

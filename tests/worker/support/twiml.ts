/** Reading the TwiML the worker answers with, element by element. */
import { expect } from 'vitest';
import { parseXml, type XmlElement } from '../../support/xml';
import { WORKER_URL } from './worker';

export const STATUS_CALLBACK = `${WORKER_URL}/webhooks/call-status`;
export const EVENTS = 'initiated ringing answered completed';

/** The TwiML of a response, parsed strictly. */
export async function twimlOf(response: Response): Promise<XmlElement> {
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('text/xml; charset=utf-8');
  const document = parseXml(await response.text());
  expect(document.name).toBe('Response');
  return document;
}

/** The document as nested [name, attributes, children or text], to compare element by element. */
export type Shape = [string, Record<string, string>, (Shape | string)[]];
export function shape(element: XmlElement): Shape {
  return [
    element.name,
    element.attributes,
    element.children.map((child) => (typeof child === 'string' ? child : shape(child))),
  ];
}

/**
 * Message bodies for the demo chatter. Odoo stores them as HTML and shows them as HTML after its
 * sanitizer; the stand-in stores whatever `message_post` was given (`body_is_html: true` keeps
 * the caller's markup). The demo page runs on the Odoo origin, where the extension's content
 * script lives, so a body is never inserted as it is: only a small set of formatting tags and
 * safe attributes pass, links only to web, mail and phone addresses, and the output is balanced
 * (a stray `</div>` in a note cannot close the page's own elements).
 */
import { escapeHtml } from './html';

const ALLOWED_TAGS = new Set([
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'div',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'li',
  'ol',
  'p',
  'pre',
  'small',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
]);
const VOID_TAGS = new Set(['br', 'hr']);
/** Elements whose content is not text to show: dropped with everything inside. */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'textarea',
  'title',
  'svg',
  'math',
]);
const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

const TAG =
  /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const ENTITY = /^&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return NAMED[name.toLowerCase()] ?? entity;
  });
}

/** Browsers ignore spaces and control characters in a URL's scheme (`java\tscript:`): so do we. */
function withoutControls(value: string): string {
  return Array.from(value)
    .filter((character) => character.charCodeAt(0) > 0x20)
    .join('');
}

/** Kept attributes, escaped again: `class`, `title`, `data-*`, and a safe `href` on links. */
function safeAttributes(tag: string, source: string): string {
  let kept = '';
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
    const allowed =
      name === 'class' ||
      name === 'title' ||
      /^data-[a-z0-9-]+$/.test(name) ||
      (tag === 'a' && name === 'href' && SAFE_LINK.test(withoutControls(value)));
    if (allowed) kept += ` ${name}="${escapeHtml(value)}"`;
  }
  if (tag === 'a' && kept.includes(' href=')) kept += ' target="_blank" rel="noopener noreferrer"';
  return kept;
}

/** Text between tags: entities kept, any other `&`, `<`, `>` escaped. */
function safeText(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (character === '&') {
      const entity = ENTITY.exec(text.slice(index));
      out += entity ? entity[0] : '&amp;';
      if (entity) index += entity[0].length - 1;
    } else if (character === '<') out += '&lt;';
    else if (character === '>') out += '&gt;';
    else out += character;
  }
  return out;
}

export function sanitizeMessageBody(body: string): string {
  const open: string[] = [];
  let out = '';
  let index = 0;
  while (index < body.length) {
    const next = body.indexOf('<', index);
    if (next === -1) {
      out += safeText(body.slice(index));
      break;
    }
    out += safeText(body.slice(index, next));
    index = next;
    if (body.startsWith('<!--', index)) {
      const end = body.indexOf('-->', index + 4);
      index = end === -1 ? body.length : end + 3;
      continue;
    }
    TAG.lastIndex = index;
    const tag = TAG.exec(body);
    if (!tag) {
      out += '&lt;';
      index += 1;
      continue;
    }
    index = TAG.lastIndex;
    const closing = tag[1] === '/';
    const name = tag[2]!.toLowerCase();
    if (!closing && DROPPED_WITH_CONTENT.has(name)) {
      const end = body.toLowerCase().indexOf(`</${name}`, index);
      const close = end === -1 ? -1 : body.indexOf('>', end);
      index = close === -1 ? body.length : close + 1;
      continue;
    }
    if (!ALLOWED_TAGS.has(name)) continue;
    if (!closing) {
      out += `<${name}${safeAttributes(name, tag[3] ?? '')}>`;
      if (!VOID_TAGS.has(name)) open.push(name);
      continue;
    }
    // A closing tag closes what is open up to its opening tag; one that matches nothing goes.
    const at = open.lastIndexOf(name);
    if (at === -1) continue;
    for (const inner of open.splice(at).reverse()) out += `</${inner}>`;
  }
  for (const inner of open.reverse()) out += `</${inner}>`;
  return out;
}

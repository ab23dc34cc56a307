/** `node:http` side of the answers in answers.ts: reading bodies, writing answers, dropping. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, type HttpAnswer, jsonAnswer, MAX_BODY_BYTES } from './answers';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`Request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes an answer; `drop` closes the connection without a byte (the client sees a reset). */
export function send(res: ServerResponse, answer: HttpAnswer): void {
  if (answer.kind === 'drop') {
    res.socket?.destroy();
    return;
  }
  if (res.destroyed) return;
  res.writeHead(answer.status, {
    'Content-Type': answer.contentType,
    'Content-Length': Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, jsonAnswer(status, body));
}

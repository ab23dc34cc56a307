/**
 * Open-loop load: requests start on a fixed schedule (a constant rate, spread evenly) over a pool
 * of keep-alive connections, whatever the answers do. Latency is counted from when a request was
 * due, not from when it could be sent, so a slow answer cannot hide the queue behind it
 * (coordinated omission). This is how to see the latency a request gets when the server keeps up;
 * closed-loop tools (autocannon) measure saturation instead.
 */
import { Agent, request } from 'node:http';

export interface PlannedRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface OpenLoopOptions {
  /** `http://host:port` */
  origin: string;
  connections: number;
  ratePerSecond: number;
  durationSeconds: number;
  /** Called for every request (fresh CallSid, signature…). */
  next(): PlannedRequest;
}

export interface OpenLoopResult {
  latenciesMs: number[];
  /** Requests that failed or answered outside 2xx, by status and start of the answer (status 0: no answer). */
  failures: Record<string, number>;
}

interface Answer {
  status: number;
  body: string;
}

function send(agent: Agent, origin: string, planned: PlannedRequest): Promise<Answer> {
  return new Promise((resolve) => {
    const options = { method: planned.method, headers: planned.headers, agent };
    const outgoing = request(`${origin}${planned.path}`, options, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', (error) => resolve({ status: 0, body: error.message }));
    outgoing.end(planned.body);
  });
}

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  // FIFO hands requests to every open connection in turn, so all of them carry load.
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, scheduling: 'fifo' });
  const result: OpenLoopResult = { latenciesMs: [], failures: {} };
  const record = ({ status, body }: Answer, due: number) => {
    result.latenciesMs.push(performance.now() - due);
    if (status >= 200 && status < 300) return;
    const key = `${status} ${body.slice(0, 80)}`;
    result.failures[key] = (result.failures[key] ?? 0) + 1;
  };
  try {
    // Open every connection first: the load runs over all of them, not over those it needed.
    await Promise.all(
      Array.from({ length: options.connections }, () => send(agent, options.origin, options.next())),
    );
    result.latenciesMs = [];

    const intervalMs = 1000 / options.ratePerSecond;
    const total = Math.round(options.ratePerSecond * options.durationSeconds);
    const inFlight: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < total; i += 1) {
      const due = start + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(send(agent, options.origin, options.next()).then((answer) => record(answer, due)));
    }
    await Promise.all(inFlight);
    return result;
  } finally {
    agent.destroy();
  }
}

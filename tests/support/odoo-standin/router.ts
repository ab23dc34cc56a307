/**
 * A tiny router for the stand-in's HTTP server: `/jsonrpc`, the `/__standin/` control API, and
 * whatever else is added later (the local demo's Odoo-like pages) without touching the others.
 * A path ending in `/*` matches everything under it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The request body as text (at most 10 MB). */
  body(): Promise<string>;
}

export type RouteHandler = (context: RouteContext) => Promise<void> | void;

/**
 * How the failure mode applies to a route: `generic` (default: the server drops, delays or
 * answers an error page before the handler runs), `own` (the handler applies it, knowing the
 * call: `/jsonrpc`), `exempt` (never failed: the control API, so a test can always recover).
 */
export type FailurePolicy = 'generic' | 'own' | 'exempt';

interface Route {
  method: string;
  path: string;
  handler: RouteHandler;
  failures: FailurePolicy;
}

export type RouteMatch =
  | { kind: 'found'; handler: RouteHandler; failures: FailurePolicy }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

export class Router {
  private readonly routes: Route[] = [];

  /** `method` is an HTTP method or `*` for any. Earlier routes win. */
  add(method: string, path: string, handler: RouteHandler, failures: FailurePolicy = 'generic'): this {
    this.routes.push({ method: method.toUpperCase(), path, handler, failures });
    return this;
  }

  match(method: string, pathname: string): RouteMatch {
    const onPath = this.routes.filter((route) => matchesPath(route.path, pathname));
    if (onPath.length === 0) return { kind: 'not-found' };
    const route = onPath.find(
      (candidate) => candidate.method === '*' || candidate.method === method.toUpperCase(),
    );
    if (!route)
      return {
        kind: 'method-not-allowed',
        allowed: [...new Set(onPath.map((candidate) => candidate.method))],
      };
    return { kind: 'found', handler: route.handler, failures: route.failures };
  }
}

function matchesPath(pattern: string, pathname: string): boolean {
  if (!pattern.endsWith('/*')) return pathname === pattern;
  const base = pattern.slice(0, -2);
  return pathname === base || pathname.startsWith(`${base}/`);
}

/**
 * Binds `execute_kw`'s `args` and `kwargs` to a method's parameters the way Python does, so a
 * wrong call gets the same `TypeError` a real Odoo answers ("takes from 1 to 3 positional
 * arguments but 4 were given", "got an unexpected keyword argument 'foo'", ...).
 */
import { raise } from './errors';

export interface PythonSignature {
  /** Shown in messages, e.g. `BaseModel.search_read`. */
  qualname: string;
  /** Positional-or-keyword parameters after `self`, in order. */
  params: readonly { name: string; default?: unknown }[];
  /** Keyword-only parameters (after `*`). */
  keywordOnly?: readonly { name: string; default?: unknown }[];
  /** `**kwargs`: unknown keywords are collected instead of refused. */
  varKeyword?: boolean;
  /** A plain function: no `self` counted in "takes N positional arguments". */
  plainFunction?: boolean;
}

export interface BoundArgs {
  values: Record<string, unknown>;
  /** Keywords collected by `**kwargs`. */
  extra: Record<string, unknown>;
}

const REQUIRED = Symbol('required');

function quoteList(names: string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')}${quoted.length > 2 ? ',' : ''} and ${quoted.at(-1)}`;
}

export function bindArguments(
  signature: PythonSignature,
  args: readonly unknown[],
  kwargs: Record<string, unknown>,
): BoundArgs {
  const { qualname, params } = signature;
  const keywordOnly = signature.keywordOnly ?? [];
  if (args.length > params.length) {
    // Python counts `self` in both numbers.
    const self = signature.plainFunction ? 0 : 1;
    const required = params.filter((param) => !('default' in param)).length + self;
    const total = params.length + self;
    const takes =
      required === total
        ? `${total} positional argument${total === 1 ? '' : 's'}`
        : `from ${required} to ${total} positional arguments`;
    const given = args.length + self;
    throw raise.typeError(`${qualname}() takes ${takes} but ${given} ${given === 1 ? 'was' : 'were'} given`);
  }
  const values: Record<string, unknown> = {};
  params.forEach((param, index) => {
    values[param.name] = index < args.length ? args[index] : 'default' in param ? param.default : REQUIRED;
  });
  for (const param of keywordOnly) values[param.name] = 'default' in param ? param.default : REQUIRED;

  const extra: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(kwargs)) {
    const positionalIndex = params.findIndex((param) => param.name === name);
    if (positionalIndex >= 0 && positionalIndex < args.length) {
      throw raise.typeError(`${qualname}() got multiple values for argument '${name}'`);
    }
    if (name in values) values[name] = value;
    else if (signature.varKeyword) extra[name] = value;
    else throw raise.typeError(`${qualname}() got an unexpected keyword argument '${name}'`);
  }

  const missing = params.filter((param) => values[param.name] === REQUIRED).map((param) => param.name);
  if (missing.length > 0) {
    throw raise.typeError(
      `${qualname}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${quoteList(missing)}`,
    );
  }
  const missingKeywords = keywordOnly.filter((param) => values[param.name] === REQUIRED).map((p) => p.name);
  if (missingKeywords.length > 0) {
    throw raise.typeError(
      `${qualname}() missing ${missingKeywords.length} required keyword-only argument${missingKeywords.length === 1 ? '' : 's'}: ${quoteList(missingKeywords)}`,
    );
  }
  return { values, extra };
}

/** Python's `repr` for the JSON values a client can send, used in error messages. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${pythonRepr(key)}: ${pythonRepr(item)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** Python's type name of a JSON value (`'list' object has no attribute ...`). */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

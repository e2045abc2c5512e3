// Python's repr of a value, bounded as reprlib bounds it, for toString,
// util.inspect and the values error messages quote. Invariants: it never
// throws, whatever a value's getters, toString or Proxy traps do; its text is
// at most MAX_TEXT characters however large the value (a 5 MB string result
// must not print 5 MB, nor go whole into an InvalidStateError's message).
import { FUTURE_BRAND } from '../core/brand.js';

const MAX_STRING = 60; // characters of a string shown, its start and its end
const MAX_ITEMS = 6; // items of an array, entries of a Map, Set or object
const MAX_LEVEL = 3; // nesting shown before `...`
const MAX_TEXT = 200;

/** `text` cut in its middle to at most `max` characters. */
function cut(text, max) {
  if (text.length <= max) return text;
  const half = Math.floor((max - 3) / 2);
  return `${text.slice(0, half)}...${text.slice(text.length - half)}`;
}

/** list's first MAX_ITEMS shown, and `...` for the rest. */
function items(list, show) {
  const shown = list.slice(0, MAX_ITEMS).map(show);
  if (list.length > MAX_ITEMS) shown.push('...');
  return shown.join(', ');
}

function text(value, fallback) {
  try {
    return typeof value === 'string' ? value : String(value);
  } catch {
    return fallback;
  }
}

function reprAt(value, level) {
  switch (typeof value) {
    case 'string': return `'${cut(value, MAX_STRING)}'`;
    case 'bigint': return `${value}n`;
    case 'symbol': return value.toString();
    case 'function': return `[Function ${cut(text(value.name, ''), MAX_STRING) || 'anonymous'}]`;
    case 'object': break;
    default: return String(value);
  }
  if (value === null) return 'null';
  if (value[FUTURE_BRAND] === true) return `<Future ${text(value.state, '?').toLowerCase()}>`;
  if (value instanceof Error) {
    const message = value.message === undefined ? '' : `'${cut(text(value.message, '?'), MAX_STRING)}'`;
    return `${cut(text(value.name, 'Error'), MAX_STRING)}(${message})`;
  }
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  if (level >= MAX_LEVEL) return Array.isArray(value) ? '[...]' : '{...}';
  const inner = (v) => safe(v, level + 1);
  if (Array.isArray(value)) return `[${items(value, inner)}]`;
  if (value instanceof Map) return `Map(${value.size}) {${items([...value], ([k, v]) => `${inner(k)} => ${inner(v)}`)}}`;
  if (value instanceof Set) return `Set(${value.size}) {${items([...value], inner)}}`;
  const name = value.constructor?.name;
  const entries = items(Object.keys(value), (k) => `${cut(k, MAX_STRING)}: ${inner(value[k])}`);
  return `${typeof name === 'string' && name !== 'Object' ? `${cut(name, MAX_STRING)} ` : ''}{${entries}}`;
}

function safe(value, level) {
  try {
    return reprAt(value, level);
  } catch {
    return '<unprintable>';
  }
}

/** The bounded repr of `value`. */
export function repr(value) {
  return cut(safe(value, 0), MAX_TEXT);
}

/**
 * A reader for the block-style YAML our deployment files use (docker-compose.yml), so tests can
 * check their structure without a YAML dependency: nested mappings and sequences by indentation,
 * plain, single- and double-quoted scalars, flow sequences of scalars (`[a, 'b']`), folded and
 * literal block scalars (`>-`, `|`), comments, anchors (`&name`), aliases (`*name`) and merge keys
 * (`<<: *name`). Anything else (flow mappings, multi-document streams, tags) throws, rather than
 * being read wrongly. Plain scalars stay strings except true, false and null.
 */
export type YamlValue = string | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
  /** The line as written, for block scalars. */
  raw: string;
  number: number;
}

export function parseYamlSubset(source: string): YamlValue {
  const lines: Line[] = source.split('\n').map((raw, i) => ({
    raw,
    indent: raw.length - raw.trimStart().length,
    text: stripComment(raw).trimEnd().trimStart(),
    number: i + 1,
  }));
  const anchors = new Map<string, YamlValue>();
  let at = 0;

  const skipBlank = () => {
    while (at < lines.length && lines[at]!.text === '') at++;
  };
  const fail = (line: Line, why: string) => new Error(`YAML line ${line.number}: ${why}`);

  function block(indent: number): YamlValue {
    skipBlank();
    const first = lines[at];
    if (first === undefined || first.indent < indent) return null;
    return first.text.startsWith('- ') || first.text === '-'
      ? sequence(first.indent)
      : mapping(first.indent);
  }

  function sequence(indent: number): YamlValue[] {
    const items: YamlValue[] = [];
    for (skipBlank(); at < lines.length; skipBlank()) {
      const line = lines[at]!;
      if (line.indent !== indent || !(line.text.startsWith('- ') || line.text === '-')) break;
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        at++;
        items.push(block(indent + 1));
      } else if (/^[^'"[\]{}]*?:( |$)/.test(rest) || /^(['"]).*?\1:( |$)/.test(rest)) {
        // "- key: value": a mapping whose first line starts after the dash.
        const inner = indent + (line.text.length - rest.length);
        lines[at] = { ...line, indent: inner, text: rest };
        items.push(mapping(inner));
      } else {
        at++;
        items.push(value(rest, line, indent));
      }
    }
    return items;
  }

  function mapping(indent: number): { [key: string]: YamlValue } {
    const own: { [key: string]: YamlValue } = {};
    const merged: { [key: string]: YamlValue }[] = [];
    for (skipBlank(); at < lines.length; skipBlank()) {
      const line = lines[at]!;
      if (line.indent < indent) break;
      if (line.indent > indent) throw fail(line, 'unexpected indentation');
      const match = /^('(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^'"\s][^:]*?):(?: (.*))?$/.exec(line.text);
      if (match === null) throw fail(line, `not a "key: value" line: ${line.text}`);
      const key = scalar(match[1]!, line);
      if (typeof key !== 'string') throw fail(line, 'a key must be a string');
      const rest = (match[2] ?? '').trim();
      at++;
      const parsed = value(rest, line, indent);
      if (key === '<<') {
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          throw fail(line, 'a merge key takes a mapping');
        }
        merged.push(parsed);
      } else {
        if (key in own) throw fail(line, `duplicate key ${key}`);
        own[key] = parsed;
      }
    }
    return Object.assign({}, ...merged, own) as { [key: string]: YamlValue };
  }

  /** What follows "key:" or "- ": nothing (a nested block), an anchor, an alias or a scalar. */
  function value(rest: string, line: Line, indent: number): YamlValue {
    const anchor = /^&([\w-]+)\s*(.*)$/.exec(rest);
    if (anchor !== null) {
      const result = value(anchor[2]!, line, indent);
      anchors.set(anchor[1]!, result);
      return result;
    }
    const alias = /^\*([\w-]+)$/.exec(rest);
    if (alias !== null) {
      if (!anchors.has(alias[1]!)) throw fail(line, `unknown alias *${alias[1]}`);
      return structuredClone(anchors.get(alias[1]!)!);
    }
    if (rest === '') {
      skipBlank();
      const next = lines[at];
      if (next === undefined) return null;
      // A sequence may sit at its key's indentation; anything else must be indented further.
      if (next.indent > indent) return block(next.indent);
      if (next.indent === indent && next.text.startsWith('- ')) return sequence(indent);
      return null;
    }
    if (/^[|>][-+]?$/.test(rest)) return blockScalar(rest, indent);
    return scalar(rest, line);
  }

  function blockScalar(indicator: string, indent: number): string {
    const body: string[] = [];
    let inner = -1;
    while (at < lines.length) {
      const line = lines[at]!;
      if (line.raw.trim() !== '') {
        if (line.indent <= indent) break;
        if (inner < 0) inner = line.indent;
      }
      body.push(line.raw.slice(Math.max(inner, 0)));
      at++;
    }
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    const text = indicator.startsWith('>') ? body.join(' ') : body.join('\n');
    return indicator.endsWith('-') ? text : `${text}\n`;
  }

  function scalar(text: string, line: Line): YamlValue {
    if (text.startsWith("'")) {
      if (!text.endsWith("'") || text.length < 2) throw fail(line, 'unterminated quote');
      return text.slice(1, -1).replace(/''/g, "'");
    }
    if (text.startsWith('"')) return JSON.parse(text) as string;
    if (text.startsWith('[')) {
      if (!text.endsWith(']')) throw fail(line, 'a flow sequence must fit on its line');
      const inner = text.slice(1, -1).trim();
      return inner === '' ? [] : splitFlow(inner).map((item) => scalar(item.trim(), line));
    }
    if (text.startsWith('{') || text.startsWith('!') || text === '---') {
      throw fail(line, `not supported here: ${text}`);
    }
    if (text === 'true' || text === 'false') return text === 'true';
    if (text === 'null' || text === '~') return null;
    return text;
  }

  const result = block(0);
  skipBlank();
  if (at < lines.length) throw fail(lines[at]!, 'unexpected indentation');
  return result;
}

/** The line without its comment: a # at the start or after a space, outside quotes. */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== null) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return line.slice(0, i);
    }
  }
  return line;
}

/** Splits a flow sequence's inside on the commas outside quotes. */
function splitFlow(inner: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ',') {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts;
}

/**
 * Parses a JSON query parameter, also accepting Python's repr of lists and dicts: connectors that
 * template parameters with Jinja (Airbyte's `{{ list | string }}`) send `['a', 'b']` and
 * `{'k': True}`, and TikTok's servers take them. Throws a SyntaxError when neither parses.
 */
export function parseLooseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return JSON.parse(pythonReprToJson(raw));
  }
}

function pythonReprToJson(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"' || ch === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== ch; j++) {
        if (text[j] === '\\') {
          const next = text[++j] ?? '';
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        } else value += text[j];
      }
      out += JSON.stringify(value);
      i = j;
      continue;
    }
    const word = /^(True|False|None)\b/.exec(text.slice(i));
    if (word) {
      out += word[1] === 'True' ? 'true' : word[1] === 'False' ? 'false' : 'null';
      i += (word[1] as string).length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

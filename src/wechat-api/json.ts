/**
 * JSON.parse that keeps integers beyond 2^53 exact by reading them as strings: WeChat's msg_id and
 * msg_data_id exceed Number.MAX_SAFE_INTEGER (ARCHITECTURE "IDs are strings"), and plain JSON.parse
 * would silently round them to a different id. Node 20 has no JSON.parse source access, so the
 * number literals are quoted before parsing — outside strings only.
 */
export function parseJson(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  return JSON.parse(quoteUnsafeIntegers(text));
}

const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const QUOTE = 34;
const BACKSLASH = 92;

function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) {
      inString = true;
      continue;
    }
    if (c !== 45 /* - */ && (c < 48 || c > 57)) continue;
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) continue;
    const literal = match[0];
    const isInteger = match[1] === undefined && match[2] === undefined;
    if (isInteger && !Number.isSafeInteger(Number(literal))) {
      out += text.slice(copiedUpTo, i) + `"${literal}"`;
      copiedUpTo = i + literal.length;
    }
    i += literal.length - 1;
  }
  return out + text.slice(copiedUpTo);
}

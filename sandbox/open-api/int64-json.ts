/**
 * JSON.stringify, except that digit strings under `keys` are written as bare JSON numbers.
 * TikTok types post ids as int64; 19 digits overflow a JS number, so we keep them as strings in
 * memory and only turn them into numbers on the wire (clients must parse them losslessly).
 */
export function stringifyWithInt64(value: unknown, keys: string[]): string {
  let text = JSON.stringify(value);
  for (const key of keys) {
    const field = new RegExp(`"${key}":("\\d+"|\\[(?:"\\d+",?)*\\])`, 'g');
    text = text.replace(field, (match) => match.replace(/"(\d+)"/g, '$1'));
  }
  return text;
}

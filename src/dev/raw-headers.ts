/** Node's `rawHeaders` (`[name, value, name, value, …]`) as pairs, repeated lines kept apart. */
export function headerPairs(raw: string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) result.push([raw[i], raw[i + 1]]);
  return result;
}

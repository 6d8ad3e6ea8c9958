/**
 * Whether a site id sent by a page (`sent`) looks like a mistyped `id`: the same but for case,
 * one contains the other, or at most two edits apart (Levenshtein) when both have 4+ chars. So an
 * owner sees `Demo`, `demo-site` or `deom` refused under their site `demo`, and not every unknown id.
 */
export function nearMiss(sent: string, id: string): boolean {
  const a = sent.toLowerCase();
  const b = id.toLowerCase();
  if (a === b || a.includes(b) || b.includes(a)) return true;
  if (Math.min(a.length, b.length) < 4 || Math.abs(a.length - b.length) > 2) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]! <= 2;
}

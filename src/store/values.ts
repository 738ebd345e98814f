/**
 * The placeholders of a multi-row `values` list: `($1::text, $2::int), ($3::text, $4::int)` for
 * two rows of the given column types ('' leaves a column untyped). Parameters go row by row.
 */
export function valuesList(count: number, types: readonly string[]): string {
  const n = types.length;
  return Array.from(
    { length: count },
    (_, i) => `(${types.map((t, c) => `$${i * n + c + 1}${t ? `::${t}` : ''}`).join(', ')})`,
  ).join(', ');
}

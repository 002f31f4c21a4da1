/**
 * A DateTime as ASP.NET reads it from a query value (Events' `from`/`to` binding, Storage's `DateTime.Parse`): an
 * ISO date or date-time. `Z` or an offset makes it zoned (Kind Utc/Local); none leaves it Unspecified — Events
 * refuses that, Storage takes it as UTC (Storage/Helpers/DateTimeHelper.cs:66-73). Undefined: does not parse.
 */
export function parseDotnetDateTime(raw: string): { ms: number; zoned: boolean } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    raw.trim(),
  );
  if (!m) return undefined;
  const [, day, hh = '00', mm = '00', ss = '00', fraction = '', zone] = m;
  const ms3 = fraction.slice(0, 3).padEnd(3, '0');
  const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${day}T${hh}:${mm}:${ss}.${ms3}${offset}`);
  return Number.isNaN(ms) ? undefined : { ms, zoned: Boolean(zone) };
}

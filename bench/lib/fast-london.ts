/**
 * Generator only: a memo for Europe/London date formatting. The clocks' calendar reads London
 * wall time through Intl.DateTimeFormat#formatToParts (src/features/clocks/domain/london-time.ts),
 * which costs microseconds a call and is called thousands of times a contact — over half of the
 * generator's CPU. UK clock changes fall on the hour (01:00 UTC), so the offset is constant
 * within each UTC hour: the first call in an hour asks Intl, later calls in that hour add the
 * same offset. The memo is checked against Intl on thousands of instants before it is used,
 * and removed if any differ; product code never installs it.
 */

const HOUR = 3_600_000;
type Part = Intl.DateTimeFormatPart;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function installFastLondon(): boolean {
  const proto = Intl.DateTimeFormat.prototype;
  const original = proto.formatToParts;
  const eligible = new WeakMap<Intl.DateTimeFormat, boolean>();
  const offsets = new Map<number, number>();

  const isEligible = (f: Intl.DateTimeFormat) => {
    let ok = eligible.get(f);
    if (ok === undefined) {
      const o = f.resolvedOptions();
      ok = o.timeZone === 'Europe/London' && o.locale.startsWith('en-GB') && o.hourCycle === 'h23' && o.year === 'numeric' && o.month === '2-digit' && o.day === '2-digit' && o.hour === '2-digit' && o.minute === '2-digit' && o.second === '2-digit' && o.weekday === undefined && o.era === undefined;
      eligible.set(f, ok);
    }
    return ok;
  };

  const offsetAt = (f: Intl.DateTimeFormat, t: number): number => {
    const bucket = Math.floor(t / HOUR);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const start = bucket * HOUR;
      const p: Record<string, number> = {};
      for (const part of original.call(f, start)) if (part.type !== 'literal') p[part.type] = Number(part.value);
      offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start;
      offsets.set(bucket, offset);
    }
    return offset;
  };

  const fast = function (this: Intl.DateTimeFormat, date?: Date | number): Part[] {
    if (!isEligible(this) || date === undefined) return original.call(this, date);
    const t = typeof date === 'number' ? date : date.getTime();
    if (!Number.isFinite(t)) return original.call(this, date);
    const w = new Date(t + offsetAt(this, t));
    return [
      { type: 'day', value: pad(w.getUTCDate()) },
      { type: 'literal', value: '/' },
      { type: 'month', value: pad(w.getUTCMonth() + 1) },
      { type: 'literal', value: '/' },
      { type: 'year', value: String(w.getUTCFullYear()) },
      { type: 'literal', value: ', ' },
      { type: 'hour', value: pad(w.getUTCHours()) },
      { type: 'literal', value: ':' },
      { type: 'minute', value: pad(w.getUTCMinutes()) },
      { type: 'literal', value: ':' },
      { type: 'second', value: pad(w.getUTCSeconds()) },
    ];
  };

  // check against Intl before trusting it: random instants, and every clock change 2000-2040
  const probe = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const instants: number[] = [];
  let x = 12345;
  for (let i = 0; i < 5000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    instants.push(Date.UTC(2000, 0, 1) + (x / 2 ** 32) * (Date.UTC(2040, 0, 1) - Date.UTC(2000, 0, 1)));
  }
  for (let y = 2000; y < 2040; y++) for (const m of [2, 9]) for (let d = 24; d <= 31; d++) for (const h of [0, 1, 2]) instants.push(Date.UTC(y, m, d, h) - 1, Date.UTC(y, m, d, h), Date.UTC(y, m, d, h) + 1);
  const same = instants.every((t) => {
    const a = original.call(probe, t).filter((p) => p.type !== 'literal');
    const b = fast.call(probe, t).filter((p) => p.type !== 'literal');
    return a.length === b.length && a.every((p, i) => p.type === b[i].type && p.value === b[i].value);
  });
  if (!same) return false;
  proto.formatToParts = fast as typeof proto.formatToParts;
  return true;
}

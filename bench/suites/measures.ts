/**
 * A year of performance measures (PRODUCT.md C13) over the main hub's years of contacts: the
 * whole query set of src/features/reporting/measures.ts, in seconds. The bare cost is one pass
 * over the same year's contacts with their decisions (what any set of measures must read).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema';
import { londonInstant } from '../../src/features/clocks/domain/london-time';
import { computeMeasures } from '../../src/features/reporting/measures';
import type { GenerationInfo } from '../generator/generate';
import { summarise, timed } from '../lib/stats';
import type { BenchRow } from './types';

export async function benchMeasures(db: Kysely<DB>, info: GenerationInfo, runs = 3): Promise<BenchRow> {
  const endYear = Number(info.end.slice(0, 4));
  const q = { hubId: info.mainHubId, from: londonInstant(`${endYear - 1}${info.end.slice(4)}`, 0), to: londonInstant(info.end, 0), asOf: londonInstant(info.end, 0) };
  await computeMeasures(db, q); // warm the cache, as a report run on a live server would find it
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const { ms, value } = await timed(() => computeMeasures(db, q));
    times.push(ms);
    total = value.volume.total;
  }
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(
      (
        await timed(() =>
          sql`select count(*), count(d.id) from contact c left join decision d on d.contact_id = c.id where c.hub_id = ${q.hubId} and c.received_at >= ${q.from} and c.received_at < ${q.to}`.execute(db),
        )
      ).ms,
    );
  }
  const s = summarise(times);
  const b = summarise(bare);
  const seconds = s.p50 / 1000;
  return {
    id: 'measures.year',
    title: `Performance measures, one year (${total} contacts; ${info.years} years held)`,
    status: 'measured',
    value: seconds,
    unit: 's',
    p50: s.p50,
    p95: s.max,
    bare: { what: 'one pass over the year’s contacts and decisions', p50: b.p50 },
    ratio: s.p50 / b.p50,
    target: '≤ 2 s',
    pass: seconds <= 2,
    extra: { contacts: total },
  };
}

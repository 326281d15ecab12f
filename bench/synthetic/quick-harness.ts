/**
 * Run the in-memory matching harness from the command line:
 *   npx tsx bench/synthetic/quick-harness.ts [persons=20000] [queries=2000] [seed=bench]
 */
import { formatReport, runHarness } from './harness';

const [persons = '20000', queries = '2000', seed = 'bench'] = process.argv.slice(2);
const report = runHarness({ seed, persons: Number(persons), queries: Number(queries) });
console.log(formatReport(report));
if (process.env.SHOW_MISSES) {
  for (const q of report.missedQueries.slice(0, Number(process.env.SHOW_MISSES))) console.log(JSON.stringify(q));
}

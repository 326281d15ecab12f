/** Worker: builds month models and person rows on request (see model-source.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { installFastLondon } from '../lib/fast-london';
import { dailyEvents, modelMonth } from './front-door';
import { frontDoorContext, personsCreatedAt, type Job, type ModelSettings } from './model-source';
import { personRows } from './persons-index';

installFastLondon();
const settings = workerData as ModelSettings;
const ctx = frontDoorContext(settings);
const createdAt = personsCreatedAt(settings);

parentPort!.on('message', ({ key, job }: { key: string; job: Job }) => {
  const result =
    job.kind === 'month'
      ? { model: modelMonth(ctx, job.n), daily: dailyEvents(ctx, job.n) }
      : personRows({ seed: settings.seed, ids: ctx.ids, hub: ctx.hub, population: ctx.population, chunk: job.n, createdAt });
  parentPort!.postMessage({ key, result });
});

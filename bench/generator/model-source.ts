/**
 * Month models computed ahead in worker threads, so that building the next months (CPU: the
 * clocks' calendar arithmetic) overlaps with writing this one (the database's work).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { createWorkingCalendar } from '../../src/features/clocks/domain/calendar';
import { londonInstant } from '../../src/features/clocks/domain/london-time';
import { readFrontDoorSettings } from '../../src/features/contacts/domain/front-door-settings';
import { idMaker } from '../lib/ids';
import type { GeneratedEvent } from './audit-chain';
import type { FrontDoorContext, MonthModel } from './front-door';
import { HUB_SETTINGS, planHub } from './hubs';
import type { PersonRows } from './persons-index';
import { loadPopulation, type Population } from './population';

export interface ModelSettings {
  seed: string;
  persons: number;
  years: number;
  end: string;
  contactsPerYear: number;
  linkPersons: boolean;
}

export interface ModelResult {
  model: MonthModel;
  daily: GeneratedEvent[];
}

export type Job = { kind: 'month'; n: number } | { kind: 'persons'; n: number };
type JobResult<J extends Job> = J extends { kind: 'month' } ? ModelResult : PersonRows;

/** When imported persons were recorded: a year before the contacts start. */
export function personsCreatedAt(settings: ModelSettings): Date {
  return londonInstant(`${Number(settings.end.slice(0, 4)) - settings.years - 1}-01-01`, 0);
}

/** The main hub's front-door context, the same in the main thread and in every worker. */
export function frontDoorContext(settings: ModelSettings, population?: Population): FrontDoorContext {
  const ids = idMaker(settings.seed);
  const front = readFrontDoorSettings(HUB_SETTINGS);
  const endYear = Number(settings.end.slice(0, 4));
  return {
    seed: settings.seed,
    ids,
    hub: planHub(ids, settings.seed, 0),
    population: population ?? loadPopulation(settings.seed, settings.persons, ids),
    cal: createWorkingCalendar(front.calendar),
    rules: front.timescales,
    asOf: londonInstant(settings.end, 0),
    firstMonth: `${endYear - settings.years}-${settings.end.slice(5, 7)}`,
    contactsPerYear: settings.contactsPerYear,
    linkPersons: settings.linkPersons,
  };
}

export class ModelSource {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly settle = new Map<string, { resolve: (r: unknown) => void; reject: (e: unknown) => void }>();
  private turn = 0;

  constructor(settings: ModelSettings, private readonly limits: Record<Job['kind'], number>, private readonly ahead = 3) {
    const count = Math.max(1, Math.min(3, (os.availableParallelism?.() ?? os.cpus().length) - 1));
    for (let i = 0; i < count; i++) {
      // a TypeScript worker needs tsx registered inside the worker before its entry is loaded
      const entry = new URL('./model-worker.ts', import.meta.url).href;
      const boot = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(entry)});`;
      const w = new Worker(boot, { eval: true, workerData: settings });
      w.on('message', (msg: { key: string; result: unknown }) => {
        this.settle.get(msg.key)?.resolve(msg.result);
        this.settle.delete(msg.key);
      });
      w.on('error', (e) => {
        for (const s of this.settle.values()) s.reject(e);
        this.settle.clear();
      });
      this.workers.push(w);
    }
  }

  /** The result of job n of a kind; the next few of the kind are started ahead. */
  get<J extends Job>(job: J): Promise<JobResult<J>> {
    for (let k = job.n; k < Math.min(this.limits[job.kind], job.n + this.ahead); k++) this.request({ kind: job.kind, n: k });
    const key = `${job.kind}:${job.n}`;
    const p = this.pending.get(key)!;
    for (const k of [...this.pending.keys()]) {
      const [kind, n] = k.split(':');
      if (kind === job.kind && Number(n) < job.n - 2) this.pending.delete(k);
    }
    return p as Promise<JobResult<J>>;
  }

  private request(job: Job) {
    const key = `${job.kind}:${job.n}`;
    if (this.pending.has(key) || job.n < 0) return;
    const p = new Promise<unknown>((resolve, reject) => this.settle.set(key, { resolve, reject }));
    p.catch(() => undefined);
    this.pending.set(key, p);
    this.workers[this.turn++ % this.workers.length].postMessage({ key, job });
  }

  async close() {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** What the numbers were measured on: they mean little without it. */
import os from 'node:os';
import fs from 'node:fs';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  /** 1-minute load average when the run started: other work on the machine skews timings */
  loadAverage: number;
  host: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  let cpu = cpus[0]?.model?.trim() ?? 'unknown';
  if (cpu === 'unknown' || cpu === '') {
    try {
      cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
    } catch {
      // not Linux
    }
  }
  return {
    cpu,
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: Number(os.loadavg()[0].toFixed(2)),
    host: os.hostname(),
  };
}

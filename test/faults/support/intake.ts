/**
 * Intake under fire: concurrent clients posting contacts to a running server, remembering
 * every contact the API acknowledged (201 with its id) — the promise a fault must not break.
 */
import type { HttpClient } from '../../../bench/lib/http';

export const FAULT_PASSWORD = 'synthetic-faults-password-1';

export function syntheticContact(i: number) {
  return {
    channel: i % 3 === 0 ? 'police-notification' : 'phone',
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    referrer: { kind: 'professional', name: 'Synthetic Referrer', role: 'Designated safeguarding lead', organisation: 'Example Primary School', phone: '01632 960 001' },
    subjects: [{ role: 'subject', givenName: `Faultchild${i % 97}`, familyName: 'Testfamily', dateOfBirth: '2016-04-01' }],
    concernCategories: ['neglect'],
    concernSummary: 'Synthetic: fault test contact.',
    parentsInformed: 'not-known',
    childSpokenTo: 'not-known',
  };
}

export interface IntakeLog {
  acknowledged: Map<string, string>;
  /** HTTP status (or 'error' for a broken connection) → count */
  statuses: Map<string, number>;
  sent: number;
}

/** Posts contacts from `clients` loops until `stop()` resolves; never throws. */
export function runIntake(client: HttpClient, token: () => string, clients: number) {
  const log: IntakeLog = { acknowledged: new Map(), statuses: new Map(), sent: 0 };
  let running = true;
  const count = (key: string) => log.statuses.set(key, (log.statuses.get(key) ?? 0) + 1);
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const i = log.sent++;
      try {
        const res = await client.json('POST', '/api/v1/contacts', token(), syntheticContact(i));
        count(String(res.status));
        if (res.status === 201) {
          const body = JSON.parse(res.body) as { id: string; reference: string };
          log.acknowledged.set(body.id, body.reference);
        }
      } catch {
        count('error');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  return {
    log,
    async stop() {
      running = false;
      await Promise.all(loops);
      return log;
    },
  };
}

export const waitFor = async (predicate: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 100): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return false;
};

/** Time is injected so that rules and tests can fix "now". */
export interface SystemClock {
  now(): Date;
}

export const systemClock: SystemClock = { now: () => new Date() };

export const fixedClock = (at: Date): SystemClock & { set(d: Date): void; advance(ms: number): void } => {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (d: Date) => (current = new Date(d)),
    advance: (ms: number) => (current = new Date(current.getTime() + ms)),
  };
};

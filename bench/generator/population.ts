/**
 * The synthetic population the contacts are about: the person index's persons (bench/synthetic
 * persons.ts), grouped into households, with each person's database id. Held in memory: a
 * million persons take a few hundred megabytes.
 */
import { generatePersons, type SyntheticPerson } from '../synthetic/persons';
import type { IdMaker } from '../lib/ids';

export interface Household {
  /** person indexes, adults first as generated */
  members: number[];
}

export interface Population {
  persons: SyntheticPerson[];
  households: Household[];
  /** households with at least one person under 18 on the reference date or born since */
  familyHouseholds: number[];
  /** the household of each person */
  householdOf: Int32Array;
  personId(index: number): string;
}

export function loadPopulation(seed: string, count: number, ids: IdMaker): Population {
  const persons: SyntheticPerson[] = [];
  const households: Household[] = [];
  let current: { id: string; members: number[] } | undefined;
  for (const p of generatePersons(seed, count)) {
    if (!current || current.id !== p.householdId) {
      current = { id: p.householdId, members: [] };
      households.push({ members: current.members });
    }
    current.members.push(p.index);
    persons.push(p);
  }
  const householdOf = new Int32Array(persons.length);
  households.forEach((h, i) => {
    for (const m of h.members) householdOf[m] = i;
  });
  const familyHouseholds: number[] = [];
  households.forEach((h, i) => {
    if (h.members.some((m) => persons[m].dateOfBirth && persons[m].dateOfBirth! > '2000-01-01')) familyHouseholds.push(i);
  });
  return { persons, households, familyHouseholds, householdOf, personId: (index) => ids('person', index) };
}

/** Age in whole years on a London date (YYYY-MM-DD strings compare as dates). */
export function ageOn(dob: string, date: string): number {
  let age = Number(date.slice(0, 4)) - Number(dob.slice(0, 4));
  if (date.slice(5) < dob.slice(5)) age -= 1;
  return age;
}

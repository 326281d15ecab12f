/**
 * A hub's front-door settings, kept in `hub.settings` beside its calendar:
 * - `thresholds`: the threshold levels screening offers (Derby's by default, 002);
 * - `timescales`: overrides of the front door's clock rules (Barnet's BRAG table by default, 000);
 * - `referencePrefix`: the first part of contact references (MASH-2026-000123).
 * Where the seeds differ, the value is the hub's to set (seeds README).
 */
import { DomainError, type FieldError } from '../../../platform/errors';
import type { WorkingCalendarConfig } from '../../clocks/domain/calendar';
import { assertValidRule, RULE_KINDS, type ClockRule, type ClockRuleKind } from '../../clocks/domain/clock-rules';
import { resolveTimescales, type ClockType, type TimescaleRules } from '../../clocks/domain/timescales';
import { FRONT_DOOR_CLOCK_TYPES, type FrontDoorClockType } from './contact-clocks';
import { DEFAULT_REFERENCE_PREFIX, isReferencePrefix } from './reference';
import { DEFAULT_THRESHOLDS } from './vocabulary';

export interface FrontDoorSettings {
  thresholds: string[];
  /** only the rules the hub has overridden */
  timescaleOverrides: Partial<Record<ClockType, ClockRule>>;
  referencePrefix: string;
}

export interface HubFrontDoor extends FrontDoorSettings {
  calendar: Partial<WorkingCalendarConfig>;
  /** the defaults with the overrides */
  timescales: TimescaleRules;
}

/**
 * Read what is stored, tolerating a hub that has never saved these settings. Overrides already
 * stored were checked when saved; a broken one (edited by hand) is reported, not ignored.
 */
export function readFrontDoorSettings(settings: Record<string, unknown> | null | undefined): HubFrontDoor {
  const s = settings ?? {};
  const thresholds = Array.isArray(s.thresholds) && s.thresholds.every((t) => typeof t === 'string') && s.thresholds.length > 0 ? (s.thresholds as string[]) : [...DEFAULT_THRESHOLDS];
  const overrides = (s.timescales && typeof s.timescales === 'object' ? s.timescales : {}) as Partial<Record<ClockType, ClockRule>>;
  const referencePrefix = typeof s.referencePrefix === 'string' && isReferencePrefix(s.referencePrefix) ? s.referencePrefix : DEFAULT_REFERENCE_PREFIX;
  const calendar = (s.calendar && typeof s.calendar === 'object' ? s.calendar : {}) as Partial<WorkingCalendarConfig>;
  return { thresholds, timescaleOverrides: overrides, referencePrefix, calendar, timescales: resolveTimescales(overrides) };
}

export interface FrontDoorSettingsInput {
  thresholds: string[];
  /** one entry per front-door clock; kind 'default' (or absent) keeps the default rule */
  timescales: Partial<Record<string, { kind: string; n?: number | null }>>;
  referencePrefix: string;
}

const NEEDS_N: Record<ClockRuleKind, boolean> = {
  'working-days': true,
  'end-of-working-day': false,
  'working-hours': true,
  'calendar-hours': true,
  'calendar-days': true,
  'calendar-months': true,
};

export function validateFrontDoorSettings(input: FrontDoorSettingsInput): { value?: FrontDoorSettings; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const thresholds = input.thresholds.map((t) => t.trim()).filter(Boolean);
  if (thresholds.length === 0) errors.push({ field: 'thresholds', text: 'Enter at least one threshold level' });
  else if (thresholds.length > 10) errors.push({ field: 'thresholds', text: 'Enter at most 10 threshold levels' });
  else if (thresholds.some((t) => t.length > 60)) errors.push({ field: 'thresholds', text: 'Each threshold level must be 60 characters or fewer' });
  else if (new Set(thresholds.map((t) => t.toLowerCase())).size !== thresholds.length) errors.push({ field: 'thresholds', text: 'Threshold levels must all be different' });

  const prefix = input.referencePrefix.trim().toUpperCase();
  if (!isReferencePrefix(prefix)) errors.push({ field: 'referencePrefix', text: 'Enter a reference prefix of 2 to 10 capital letters or digits, starting with a letter, like MASH' });

  const overrides: Partial<Record<ClockType, ClockRule>> = {};
  for (const [type, raw] of Object.entries(input.timescales)) {
    if (!(FRONT_DOOR_CLOCK_TYPES as readonly string[]).includes(type)) {
      errors.push({ field: `timescales.${type}`, text: `${type} is not a front-door clock` });
      continue;
    }
    if (!raw || raw.kind === 'default' || raw.kind === '') continue;
    const kind = raw.kind;
    if (!(RULE_KINDS as readonly string[]).includes(kind)) {
      errors.push({ field: `timescales.${type}.kind`, text: 'Select how the time is counted' });
      continue;
    }
    const ruleKind = kind as ClockRuleKind;
    if (NEEDS_N[ruleKind]) {
      const n = raw.n;
      if (n === undefined || n === null || !Number.isInteger(n) || n < 1) {
        errors.push({ field: `timescales.${type}.n`, text: 'Enter a whole number, 1 or more' });
        continue;
      }
      const rule = { kind: ruleKind, n } as ClockRule;
      // the clocks' own bounds (about ten years) say what is too long
      try {
        assertValidRule(rule, `timescales.${type}`);
        overrides[type as FrontDoorClockType] = rule;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(...error.fields);
      }
    } else {
      overrides[type as FrontDoorClockType] = { kind: 'end-of-working-day' };
    }
  }
  if (errors.length > 0) return { errors };
  return { errors, value: { thresholds, timescaleOverrides: overrides, referencePrefix: prefix } };
}

/** Merge into the stored JSON, keeping everything else (calendar, other features' settings). */
export function mergeFrontDoorSettings(settings: Record<string, unknown>, value: FrontDoorSettings): Record<string, unknown> {
  const { timescales: _previous, ...rest } = settings;
  const otherOverrides = Object.fromEntries(
    Object.entries((_previous && typeof _previous === 'object' ? _previous : {}) as Record<string, unknown>).filter(([type]) => !(FRONT_DOOR_CLOCK_TYPES as readonly string[]).includes(type)),
  );
  return { ...rest, thresholds: value.thresholds, referencePrefix: value.referencePrefix, timescales: { ...otherOverrides, ...value.timescaleOverrides } };
}

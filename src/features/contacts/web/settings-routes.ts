import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../../composition';
import { DomainError, type FieldError } from '../../../platform/errors';
import { CLOCK_TYPE_INFO, DEFAULT_TIMESCALES } from '../../clocks/domain/timescales';
import { describeRule, RULE_KINDS } from '../../clocks/domain/clock-rules';
import { FRONT_DOOR_CLOCK_TYPES } from '../domain/contact-clocks';
import type { FrontDoorSettingsView } from '../contacts-service';
import { str, version, type Body } from './contact-form';

const KIND_LABELS: Record<(typeof RULE_KINDS)[number], string> = {
  'working-days': 'Working days',
  'end-of-working-day': 'End of the working day',
  'working-hours': 'Working hours',
  'calendar-hours': 'Calendar hours',
  'calendar-days': 'Calendar days',
  'calendar-months': 'Calendar months',
};

/** the form's field id for a service field name: `timescales.brag-red.n` → `timescales-brag-red-n` */
const fieldId = (field: string) => field.replace(/\./g, '-');

function clockRows(values: Record<string, string>, errors: FieldError[] = []) {
  return FRONT_DOOR_CLOCK_TYPES.map((type) => ({
    type,
    label: CLOCK_TYPE_INFO[type].label,
    source: CLOCK_TYPE_INFO[type].source,
    defaultText: describeRule(DEFAULT_TIMESCALES[type]),
    kindItems: [{ value: 'default', text: `Default: ${describeRule(DEFAULT_TIMESCALES[type])}` }, ...RULE_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k] }))].map((i) => ({
      ...i,
      selected: i.value === (values[`timescales-${type}-kind`] || 'default'),
    })),
    n: values[`timescales-${type}-n`] ?? '',
    kindError: errors.find((e) => e.field === `timescales-${type}-kind`),
    nError: errors.find((e) => e.field === `timescales-${type}-n`),
  }));
}

function valuesFrom(view: FrontDoorSettingsView): Record<string, string> {
  const values: Record<string, string> = { thresholds: view.thresholds.join('\n'), referencePrefix: view.referencePrefix, version: String(view.version) };
  for (const t of view.timescales) {
    values[`timescales-${t.type}-kind`] = t.overridden ? t.rule.kind : 'default';
    values[`timescales-${t.type}-n`] = t.overridden && t.rule.n !== undefined ? String(t.rule.n) : '';
  }
  return values;
}

/** Administrators set the hub's threshold levels, reference prefix and front-door timescales. */
export function registerSettingsRoutes(app: FastifyInstance, services: Services) {
  const { contacts } = services;
  const render = (reply: FastifyReply, values: Record<string, string>, errors?: FieldError[]) =>
    reply.page('contacts/front-door-settings.njk', { pageTitle: 'Front door settings', values, errors, clocks: clockRows(values, errors) });

  app.get('/admin/front-door-settings', { schema: { hide: true } }, async (request, reply) => {
    const view = await contacts.getFrontDoorSettings(request.actor!, request.auditContext, { forEditing: true });
    return render(reply, valuesFrom(view));
  });

  app.post('/admin/front-door-settings', { schema: { hide: true } }, async (request, reply) => {
    const b = (request.body ?? {}) as Body;
    const values: Record<string, string> = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, str(v)]));
    const timescales: Record<string, { kind: string; n: number | null }> = {};
    for (const type of FRONT_DOOR_CLOCK_TYPES) {
      const nRaw = str(b[`timescales-${type}-n`]).trim();
      timescales[type] = { kind: str(b[`timescales-${type}-kind`]) || 'default', n: /^\d+$/.test(nRaw) ? Number(nRaw) : nRaw === '' ? null : -1 };
    }
    try {
      await contacts.updateFrontDoorSettings(
        request.actor!,
        request.auditContext,
        { thresholds: str(b.thresholds).split(/\r?\n/), referencePrefix: str(b.referencePrefix), timescales },
        version(b.version),
      );
      return reply.flash('Front door settings saved. New clocks use them; running clocks keep their rules.').redirect('/admin/front-door-settings');
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'validation' || error.code === 'conflict')) {
        reply.status(error.code === 'conflict' ? 409 : 400);
        const errors = error.code === 'conflict' ? [{ field: 'thresholds', text: error.message }] : error.fields.map((e) => ({ field: fieldId(e.field), text: e.text }));
        return render(reply, values, errors);
      }
      throw error;
    }
  });
}

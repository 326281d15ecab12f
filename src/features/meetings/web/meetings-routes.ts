import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../../composition';
import { hasPermission } from '../../../platform/access/policy';
import { isUuid, type FieldError } from '../../../platform/errors';
import type { NavItem } from '../../../platform/http/navigation';
import { londonInstant } from '../../clocks/domain/london-time';
import { ATTENDEE_CAPACITIES } from '../domain/attendees';
import { MEETING_KINDS } from '../domain/meeting';
import type { AttendeeInput, HoldMeetingInput, MeetingView } from '../meetings-service';
import { int, list, londonDateFrom, londonDateTimeFrom, londonParts, longDate, longDateTime, str, withFormErrors, type Body } from './form-fields';

export const meetingsNav: NavItem[] = [{ text: 'Meetings', href: '/meetings', permission: 'meeting.read' }];

const ATTENDEE_ROWS = 6;
const ACTION_ROWS = 4;
const INFORMATION_ROWS = 4;

const capacityItems = Object.entries(ATTENDEE_CAPACITIES).map(([value, text]) => ({ value, text }));
const kindItems = Object.entries(MEETING_KINDS).map(([value, text]) => ({ value, text }));

type Params = { id: string };

/** The attendees entered, and the form row each came from (blank rows are skipped). */
function attendeesFrom(b: Body, prefix: string, rows: number): { attendees: AttendeeInput[]; rowOf: number[] } {
  const attendees: AttendeeInput[] = [];
  const rowOf: number[] = [];
  for (let i = 0; i < rows; i++) {
    const a = { agencyId: str(b[`${prefix}-${i}-agencyId`]), name: str(b[`${prefix}-${i}-name`]), capacity: str(b[`${prefix}-${i}-capacity`]), email: str(b[`${prefix}-${i}-email`]) };
    // a row left blank is not an attendee
    if (!a.agencyId && !a.name) continue;
    attendees.push({ agencyId: a.agencyId, name: a.name, capacity: a.capacity, ...(a.email ? { email: a.email } : {}) });
    rowOf.push(i);
  }
  return { attendees, rowOf };
}

/** Service errors name the nth entry given; the page names the form row it came from. */
function toRows(errors: FieldError[], prefix: string, rowOf: readonly number[]): FieldError[] {
  const pattern = new RegExp(`^${prefix}-(\\d+)`);
  return errors.map((e) => ({ ...e, field: e.field.replace(pattern, (_, n: string) => `${prefix}-${rowOf[Number(n)] ?? n}`) }));
}

/** The rows as the form shows them, padded with blanks. */
function attendeeRows(attendees: ReadonlyArray<Partial<AttendeeInput>>, rows: number) {
  return Array.from({ length: Math.max(rows, attendees.length) }, (_, i) => attendees[i] ?? { agencyId: '', name: '', capacity: '', email: '' });
}

export function registerMeetingsRoutes(app: FastifyInstance, services: Services) {
  const { meetings } = services;
  const act = (request: FastifyRequest) => [request.actor!, request.auditContext] as const;

  const agencyItems = async (request: FastifyRequest) => (await meetings.listAgencies(...act(request))).map((a) => ({ value: a.id, text: a.name }));

  app.get('/meetings', { schema: { hide: true } }, async (request, reply) => {
    const all = await meetings.listMeetings(...act(request));
    return reply.page('meetings/list.njk', { pageTitle: 'Meetings and strategy discussions', meetings: all, canManage: hasPermission(request.actor!.role, 'meeting.manage') });
  });

  // ---- convene ----
  const renderNew = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = []) => {
    const [contacts, slots, agencies] = await Promise.all([meetings.listContactsForMeeting(...act(request)), meetings.listFreeSlots(...act(request)), agencyItems(request)]);
    return reply.page('meetings/new.njk', {
      pageTitle: 'Convene a meeting',
      errors,
      values,
      kindItems,
      capacityItems,
      agencyItems: agencies,
      contactItems: contacts.map((c) => ({ value: c.id, text: c.reference, hint: { text: `Received ${longDate(c.receivedAt)} – ${c.status}` } })),
      slotItems: slots.map((s) => ({ value: s.id, text: longDateTime(s.startsAt) })),
    });
  };
  app.get('/meetings/new', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const actor = request.actor!;
    const agencies = await meetings.listAgencies(...act(request));
    const [csc, police, health] = ['childrens-social-care', 'police', 'health'].map((type) => agencies.find((a) => a.type === type));
    // a strategy discussion needs, at least, CSC (chair and social worker), police and health
    const invited = [
      { agencyId: actor.agencyId, name: actor.displayName, capacity: 'chair' },
      { agencyId: csc?.id ?? '', name: '', capacity: 'social-worker' },
      { agencyId: police?.id ?? '', name: '', capacity: 'representative' },
      { agencyId: health?.id ?? '', name: '', capacity: 'representative' },
    ];
    return renderNew(request, reply, {
      kind: q.kind === 'mash-meeting' ? 'mash-meeting' : 'strategy-discussion',
      contactIds: isUuid(q.contactId) ? [q.contactId] : [],
      invited: attendeeRows(invited, ATTENDEE_ROWS),
      venue: 'MASH meeting room',
    });
  });
  app.post('/meetings/new', { schema: { hide: true } }, async (request, reply) => {
    const b = request.body as Body;
    const parseErrors: FieldError[] = [];
    const when = str(b.when);
    const otherTime = when === 'other';
    const startsAt = otherTime ? londonDateTimeFrom(b, 'startsAt', 'startsAtTime', parseErrors) : undefined;
    const invited = attendeesFrom(b, 'invited', ATTENDEE_ROWS);
    const input = {
      kind: str(b.kind),
      contactIds: list(b.contactIds),
      venue: str(b.venue),
      invited: invited.attendees,
      ...(!otherTime && when ? { slotId: when } : {}),
      ...(startsAt ? { startsAt } : {}),
      ...(str(b.urgentReason) ? { urgentReason: str(b.urgentReason) } : {}),
    };
    return withFormErrors(
      reply,
      async () => {
        const m = await meetings.scheduleMeeting(...act(request), input);
        return reply.flash(`${MEETING_KINDS[m.kind]} convened`).redirect(`/meetings/${m.id}`);
      },
      (errors) =>
        renderNew(request, reply, {
          ...b,
          contactIds: input.contactIds,
          invited: attendeeRows(
            Array.from({ length: ATTENDEE_ROWS }, (_, i) => ({ agencyId: str(b[`invited-${i}-agencyId`]), name: str(b[`invited-${i}-name`]), capacity: str(b[`invited-${i}-capacity`]), email: str(b[`invited-${i}-email`]) })),
            ATTENDEE_ROWS,
          ),
        }, toRows(errors, 'invited', invited.rowOf).map((e) => (e.field === 'slot' || (e.field === 'startsAt' && !otherTime) ? { ...e, field: 'when' } : e))),
      parseErrors,
    );
  });

  // ---- one meeting ----
  const renderMeeting = async (request: FastifyRequest, reply: FastifyReply, meeting: MeetingView, extra: Record<string, unknown> = {}) => {
    const actor = request.actor!;
    const agencies = hasPermission(actor.role, 'meeting.manage') ? await agencyItems(request) : [];
    const attendedIds = new Set(meeting.held?.attended.map((a) => a.agencyId) ?? []);
    return reply.page('meetings/meeting.njk', {
      pageTitle: `${meeting.kindLabel} on ${longDate(meeting.startsAt)}`,
      meeting,
      canManage: hasPermission(actor.role, 'meeting.manage'),
      canReadContacts: hasPermission(actor.role, 'decision.record'),
      circulateItems: agencies.map((a) => ({ value: a.value, text: a.text, checked: attendedIds.has(a.value) })),
      ...extra,
    });
  };
  app.get('/meetings/:id', { schema: { hide: true } }, async (request, reply) => {
    const meeting = await meetings.getMeeting(...act(request), (request.params as Params).id);
    return renderMeeting(request, reply, meeting);
  });

  // ---- hold ----
  const renderHold = async (request: FastifyRequest, reply: FastifyReply, meeting: MeetingView, values: Record<string, unknown>, errors: FieldError[] = []) =>
    reply.page('meetings/hold.njk', {
      pageTitle: `Record the ${meeting.kindLabel.toLowerCase()}`,
      meeting,
      values,
      errors,
      capacityItems,
      agencyItems: await agencyItems(request),
    });
  app.get('/meetings/:id/hold', { schema: { hide: true } }, async (request, reply) => {
    await meetings.requireTo(...act(request), 'meeting.manage');
    const meeting = await meetings.getMeeting(...act(request), (request.params as Params).id);
    const now = services.clock.now();
    const heldAt = meeting.startsAt.getTime() < now.getTime() ? meeting.startsAt : now;
    const p = londonParts(heldAt);
    return renderHold(request, reply, meeting, {
      version: meeting.version,
      'heldAt-day': p.day,
      'heldAt-month': p.month,
      'heldAt-year': p.year,
      heldAtTime: p.time,
      attended: attendeeRows(meeting.invited, meeting.invited.length + 2),
      information: Array.from({ length: INFORMATION_ROWS }, () => ({ agencyId: '', summary: '' })),
      actions: Array.from({ length: ACTION_ROWS }, () => ({ description: '', ownerName: '', ownerAgencyId: '', day: '', month: '', year: '' })),
      s47: meeting.contacts.map(() => ({ begin: '', reason: '' })),
    });
  });
  app.post('/meetings/:id/hold', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    const meeting = await meetings.getMeeting(...act(request), id);
    const parseErrors: FieldError[] = [];
    const heldAt = londonDateTimeFrom(b, 'heldAt', 'heldAtTime', parseErrors);
    const attendedRows = Math.max(int(b.attendedRows), 1);
    const actions: HoldMeetingInput['actions'] = [];
    const actionRows: number[] = [];
    for (let i = 0; i < ACTION_ROWS; i++) {
      const description = str(b[`actions-${i}-description`]);
      const ownerName = str(b[`actions-${i}-ownerName`]);
      const ownerAgencyId = str(b[`actions-${i}-ownerAgencyId`]);
      const due = londonDateFrom(b, `actions-${i}-dueAt`);
      if (!description && !ownerName && !ownerAgencyId && !due.date && !due.error) continue;
      if (due.error) parseErrors.push({ field: `actions[${actions.length}].dueAt`, text: due.error });
      actionRows.push(i);
      // an action is due by the close of that day
      actions.push({ description, ownerName, ownerAgencyId, dueAt: due.date ? closeOfDay(due.date) : new Date(Number.NaN) });
    }
    const informationShared: HoldMeetingInput['informationShared'] = [];
    const informationRows: number[] = [];
    for (let i = 0; i < INFORMATION_ROWS; i++) {
      const agencyId = str(b[`information-${i}-agencyId`]);
      const summary = str(b[`information-${i}-summary`]);
      if (!agencyId && !summary) continue;
      informationShared.push({ agencyId, summary });
      informationRows.push(i);
    }
    const attended = attendeesFrom(b, 'attended', Math.max(int(b.attendedRows), 1));
    const s47Decisions = meeting.kind === 'strategy-discussion'
      ? meeting.contacts.map((c, i) => ({ contactId: c.contactId, begin: str(b[`s47Decisions-${i}-begin`]) === 'yes' ? true : str(b[`s47Decisions-${i}-begin`]) === 'no' ? false : undefined, reason: str(b[`s47Decisions-${i}-reason`]) }))
      : [];
    const input: HoldMeetingInput = {
      version: int(b.version),
      heldAt,
      attended: attended.attendees,
      informationShared,
      s47Decisions: s47Decisions.filter((d) => d.begin !== undefined || d.reason),
      decisions: str(b.decisions) || undefined,
      actions,
    };
    return withFormErrors(
      reply,
      async () => {
        await meetings.holdMeeting(...act(request), id, input);
        return reply.flash('Meeting recorded').redirect(`/meetings/${id}`);
      },
      (errors) =>
        renderHold(
          request,
          reply,
          meeting,
          {
            ...b,
            attended: attendeeRows(
              Array.from({ length: attendedRows }, (_, i) => ({ agencyId: str(b[`attended-${i}-agencyId`]), name: str(b[`attended-${i}-name`]), capacity: str(b[`attended-${i}-capacity`]), email: str(b[`attended-${i}-email`]) })),
              attendedRows,
            ),
            information: Array.from({ length: INFORMATION_ROWS }, (_, i) => ({ agencyId: str(b[`information-${i}-agencyId`]), summary: str(b[`information-${i}-summary`]) })),
            actions: Array.from({ length: ACTION_ROWS }, (_, i) => ({
              description: str(b[`actions-${i}-description`]),
              ownerName: str(b[`actions-${i}-ownerName`]),
              ownerAgencyId: str(b[`actions-${i}-ownerAgencyId`]),
              day: str(b[`actions-${i}-dueAt-day`]),
              month: str(b[`actions-${i}-dueAt-month`]),
              year: str(b[`actions-${i}-dueAt-year`]),
            })),
            s47: meeting.contacts.map((_, i) => ({ begin: str(b[`s47Decisions-${i}-begin`]), reason: str(b[`s47Decisions-${i}-reason`]) })),
          },
          toRows(toRows(toRows(errors, 'attended', attended.rowOf), 'actions', actionRows), 'informationShared', informationRows).map((e) => ({
            ...e,
            field: e.field.replace(/^informationShared-/, 'information-'),
          })),
        ),
      parseErrors,
    );
  });

  // ---- circulate minutes (a form on the meeting page) ----
  app.post('/meetings/:id/circulate-minutes', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        await meetings.circulateMinutes(...act(request), id, { version: int(b.version), circulatedToAgencyIds: list(b.circulatedToAgencyIds) });
        return reply.flash('Minutes circulated').redirect(`/meetings/${id}`);
      },
      async (errors) => renderMeeting(request, reply, await meetings.getMeeting(...act(request), id), { errors }),
    );
  });

  // ---- cancel ----
  app.get('/meetings/:id/cancel', { schema: { hide: true } }, async (request, reply) => {
    await meetings.requireTo(...act(request), 'meeting.manage');
    const meeting = await meetings.getMeeting(...act(request), (request.params as Params).id);
    return reply.page('meetings/cancel.njk', { pageTitle: 'Cancel the meeting', meeting, values: { version: meeting.version } });
  });
  app.post('/meetings/:id/cancel', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    return withFormErrors(
      reply,
      async () => {
        await meetings.cancelMeeting(...act(request), id, { version: int(b.version), reason: str(b.reason) });
        return reply.flash('Meeting cancelled').redirect(`/meetings/${id}`);
      },
      async (errors) => reply.page('meetings/cancel.njk', { pageTitle: 'Cancel the meeting', meeting: await meetings.getMeeting(...act(request), id), values: b, errors }),
    );
  });

  // ---- school DSL invitation ----
  const renderInvitation = async (request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const meeting = await meetings.getMeeting(...act(request), id);
    const children = meeting.contacts.flatMap((c) => c.children.map((ch) => ({ value: ch.subjectId, text: ch.name || 'Name not recorded', hint: { text: `${c.reference}${ch.dateOfBirth ? ` – born ${ch.dateOfBirth}` : ''}` } })));
    return reply.page('meetings/invitation.njk', { pageTitle: 'Invite the school’s designated safeguarding lead', meeting, children, values, ...extra });
  };
  app.get('/meetings/:id/invitation', { schema: { hide: true } }, async (request, reply) => {
    await meetings.requireTo(...act(request), 'meeting.manage');
    return renderInvitation(request, reply, (request.params as Params).id, { childSubjectIds: [] });
  });
  app.post('/meetings/:id/invitation', { schema: { hide: true } }, async (request, reply) => {
    const id = (request.params as Params).id;
    const b = request.body as Body;
    const input = { schoolName: str(b.schoolName), dslName: str(b.dslName), email: str(b.email) || undefined, childSubjectIds: list(b.childSubjectIds), queue: str(b.queue) === 'yes' };
    return withFormErrors(
      reply,
      async () => {
        const result = await meetings.prepareInvitation(...act(request), id, input);
        return renderInvitation(request, reply, id, { ...input }, { result });
      },
      (errors) => renderInvitation(request, reply, id, { ...input, queue: input.queue ? 'yes' : '' }, { errors }),
    );
  });
}

/** 17:00 London on the date: the close of working time, when an action "due on" a day falls due. */
const closeOfDay = (date: string): Date => londonInstant(date, 17 * 60);

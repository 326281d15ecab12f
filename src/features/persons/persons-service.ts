import { randomUUID } from 'node:crypto';
import type { Actor, Permission } from '../../platform/access/policy';
import { FRONT_DOOR_ROLES } from '../../platform/access/roles';
import type { RequestContext, Work } from '../../platform/db/unit-of-work';
import type { PlatformDeps } from '../../platform/deps';
import { DomainError, isUuid, requireId, validationError, type FieldError } from '../../platform/errors';
import { notify } from '../../platform/notifications/notify';
import { createWorkingCalendar } from '../clocks/domain/calendar';
import { startClock } from '../clocks/domain/clock';
import { londonDate } from '../clocks/domain/london-time';
import { timescale } from '../clocks/domain/timescales';
import { readFrontDoorSettings } from '../contacts/domain/front-door-settings';
import { involvesLado } from '../contacts/domain/vocabulary';
import { queryBlocks } from './domain/blocking';
import { normaliseDate, normaliseNhsNumber, parsePartialPostcode } from './domain/normalise';
import { rankCandidates, scoreCandidate, THRESHOLDS } from './domain/score';
import type { Identifier, PersonQuery } from './domain/types';
import { MAX_ROWS_PER_REQUEST, readImportFile, validateImportRow, type ImportRow } from './import/import-rows';
import { CANDIDATE_CAP, personColumns, personsRepository as repo, recordOf, toRecord, type PersonRow, type Tx } from './persons-repository';
import {
  ageOn,
  briefOf,
  displayName,
  summaryOf,
  type Candidate,
  type ImportReport,
  type LinkPage,
  type LinkResult,
  type LinkSearchValues,
  type MergePreview,
  type MergeView,
  type PersonView,
  type SearchResult,
} from './persons-views';
import { LADO_MESSAGE, routeLinkedContact } from './rules/link-routing';
import { planMerge, planUndo, type MergeFields } from './rules/merge-plan';
import { validatePerson, type PersonInput, type ValidPerson } from './rules/person-validation';
import { relationshipWords, validateRelationship, type RelationshipInput, type RelationshipKind } from './rules/relationships';
import { validateSearch, type SearchInput } from './rules/search-input';

export type { PersonInput } from './rules/person-validation';
export type { SearchInput } from './rules/search-input';
export type { RelationshipInput } from './rules/relationships';

const notFound = () => new DomainError('not-found', 'Not found');
const changed = () => new DomainError('conflict', 'Someone else changed this person while you were working on it. Check the current details and try again.');

/** A link target: an existing person, or a new one from the details given. */
export type LinkTarget = { personId: string } | { newPerson: PersonInput };

export interface MergeInput {
  keptId: string;
  duplicateId: string;
  keptVersion: number;
  duplicateVersion: number;
}

const SEARCH_LIMIT_MAX = 50;

export function createPersonsService(deps: PlatformDeps) {
  const { uow } = deps;

  // ------------------------------------------------------------------------------------------
  // helpers, inside a unit of work

  /**
   * Ask the policy about a record: a role without the permission is refused outright (403); a
   * record of another hub, or none, is "not found", so that ids tell nothing across hubs.
   */
  function requireOn(work: Work, permission: Permission, record: { hubId: string | undefined; recordType: string; recordId: string }): void {
    work.require(permission, { hubId: work.actor?.hubId ?? '-', recordType: record.recordType, recordId: record.recordId });
    work.require(permission, { hubId: record.hubId ?? '-', recordType: record.recordType, recordId: record.recordId }, { hide: true });
  }

  /** Ask the policy about a person; other hubs' persons are "not found". */
  async function loadPerson(work: Work, permission: 'person.read' | 'person.write' | 'person.merge', rawId: string, lock = false): Promise<PersonRow> {
    const id = requireId(rawId);
    const row = lock ? await repo.findPersonForUpdate(work.tx, id) : await repo.findPerson(work.tx, id);
    requireOn(work, permission, { hubId: row?.hub_id, recordType: 'person', recordId: id });
    if (!row) throw notFound();
    return row;
  }

  async function identifiersOf(tx: Tx, personId: string): Promise<Identifier[]> {
    return (await repo.listIdentifiers(tx, [personId])).map((i) => ({ source: i.source, value: i.value }));
  }

  async function runSearch(work: Work, hubId: string, input: SearchInput, options: { limit?: number; exclude?: readonly string[] } = {}): Promise<SearchResult> {
    const { value, errors } = validateSearch(input);
    if (!value) throw validationError(errors);
    const query: PersonQuery = { ...value.query };
    if (value.anySourceIds.length > 0) {
      // "any agency ID": find who issued it, then search as that agency's ID
      const found = await repo.sourcesOfValues(work.tx, hubId, value.anySourceIds);
      if (found.length > 0) query.identifiers = [...(query.identifiers ?? []), ...found];
    }
    const lookups = queryBlocks(query);
    const rows = await repo.searchCandidates(work.tx, hubId, lookups);
    const exclude = new Set(options.exclude ?? []);
    const kept = rows.filter((r) => !exclude.has(r.id));
    const byId = new Map(kept.map((r) => [r.id, r]));
    const limit = Math.max(1, Math.min(SEARCH_LIMIT_MAX, Math.trunc(options.limit ?? 10)));
    const ranked = rankCandidates(query, kept.map((r) => toRecord({ ...r, other_names: r.other_names ?? [] }, r.identifiers)), limit);
    const candidates: Candidate[] = ranked.map((c) => {
      const row = byId.get(c.candidate.id)!;
      return {
        person: {
          id: row.id,
          givenName: row.given_name,
          familyName: row.family_name,
          otherNames: row.other_names ?? [],
          dateOfBirth: row.date_of_birth,
          sex: row.sex,
          address: row.address,
          postcode: row.postcode,
          nhsNumber: row.nhs_number,
          identifiers: row.identifiers,
          caseStatus: row.case_status,
        },
        score: c.score,
        band: c.band,
        reasons: c.reasons,
      };
    });
    const candidateCount = rows[0]?.total ?? 0;
    // counts only: never what was searched for
    work.audit({
      action: 'person.search',
      recordType: 'person',
      details: { fields: value.fieldCount, lookups: lookups.length, candidates: candidateCount, shown: candidates.length, topBand: candidates[0]?.band ?? null },
    });
    return { candidates, candidateCount, capped: candidateCount > CANDIDATE_CAP, broad: lookups.some((l) => l.broad), thresholds: { ...THRESHOLDS } };
  }

  /** An allocated worker must be an active member of the hub's front-door team. */
  async function checkWorker(tx: Tx, hubId: string, workerId: string | null, errors: FieldError[]): Promise<void> {
    if (!workerId) return;
    const user = isUuid(workerId) ? await repo.findUser(tx, workerId.toLowerCase()) : undefined;
    if (!user || user.hub_id !== hubId || !user.active || !(FRONT_DOOR_ROLES as readonly string[]).includes(user.role)) {
      errors.push({ field: 'allocatedWorkerId', text: 'Select a social worker of this hub' });
    }
  }

  /** An agency's ID names one person, and an NHS number one live person: refuse a second holder. */
  async function checkUnique(tx: Tx, hubId: string, p: ValidPerson, self: string | null, errors: FieldError[]): Promise<void> {
    const owners = await repo.findIdentifierOwners(tx, hubId, p.identifiers);
    p.identifiers.forEach((id, i) => {
      if (owners.some((o) => o.source === id.source && o.value === id.value && o.person_id !== self)) {
        errors.push({ field: `identifiers[${i}].value`, text: 'This ID is already held by another person on the index: search for them instead' });
      }
    });
    if (p.nhsNumber) {
      const nhs = await repo.findNhsOwners(tx, hubId, [p.nhsNumber]);
      if (nhs.some((o) => o.id !== self)) errors.push({ field: 'nhsNumber', text: 'This NHS number is already held by another person on the index: search for them instead' });
    }
  }

  async function createValidPerson(work: Work, hubId: string, input: PersonInput): Promise<{ id: string; person: ValidPerson }> {
    const { tx, now } = work;
    const { value, errors } = validatePerson(input, { today: londonDate(now) });
    if (!value) throw validationError(errors);
    const more: FieldError[] = [];
    await checkWorker(tx, hubId, value.allocatedWorkerId, more);
    await checkUnique(tx, hubId, value, null, more);
    if (more.length > 0) throw validationError(more);
    const id = randomUUID();
    await repo.insertPersons(tx, hubId, [{ id, person: value, origin: 'front-door' }], work.actor?.userId ?? null, now);
    work.audit({ action: 'person.create', recordType: 'person', recordId: id, details: { identifiers: value.identifiers.length, caseStatus: value.caseStatus } });
    return { id, person: value };
  }

  async function view(work: Work, row: PersonRow): Promise<PersonView> {
    const { tx, now } = work;
    const today = londonDate(now);
    const identifiers = await identifiersOf(tx, row.id);
    const relationships = await repo.listRelationships(tx, row.id);
    const household = await repo.listHousehold(tx, row.hub_id, row.id);
    const householdIds = new Set(household.map((h) => h.id));
    const sameAddress =
      row.postcode && row.address_key && !row.merged_into
        ? (await repo.listSameAddress(tx, row.hub_id, row.postcode, row.address_key, [row.id])).filter((p) => !householdIds.has(p.id))
        : [];
    const contacts = await repo.listContactsOf(tx, row.hub_id, row.id);
    const merges = await repo.listMerges(tx, row.id);
    const worker = row.allocated_worker_id ? await repo.findUser(tx, row.allocated_worker_id) : undefined;
    const briefs = household.map((h) => briefOf(h, today));
    return {
      ...summaryOf(row, identifiers),
      version: row.version,
      age: ageOn(row.date_of_birth, today),
      origin: row.origin,
      allocatedWorker: worker ? { id: worker.id, name: worker.display_name } : null,
      mergedInto: row.merged_into,
      createdAt: row.created_at,
      relationships: relationships.map((r) => ({
        id: r.id,
        kind: r.kind as RelationshipKind,
        words: relationshipWords(r.kind as RelationshipKind, r.person_id === row.id ? 'person' : 'related'),
        household: r.household,
        other: briefOf({ ...r, id: r.other_id }, today),
      })),
      household: {
        children: briefs.filter((b) => b.age !== null && b.age < 18),
        adults: briefs.filter((b) => b.age !== null && b.age >= 18),
        ageNotKnown: briefs.filter((b) => b.age === null),
      },
      sameAddress: sameAddress.map((p) => briefOf(p, today)),
      contacts: contacts.map((c) => ({
        contactId: c.contact_id,
        subjectId: c.subject_id,
        reference: c.reference,
        receivedAt: c.received_at,
        status: c.status,
        role: c.role,
        linkedAt: c.linked_at,
        concernCategories: c.concern_categories,
      })),
      merges: merges.map(
        (m): MergeView => ({
          id: m.id,
          keptId: m.survivor_id,
          keptName: displayName({ givenName: m.survivor_given_name, familyName: m.survivor_family_name }),
          duplicateId: m.duplicate_id,
          duplicateName: displayName({ givenName: m.duplicate_given_name, familyName: m.duplicate_family_name }),
          mergedAt: m.merged_at,
          mergedBy: m.merged_by_name,
          undoneAt: m.undone_at,
          undoneBy: m.undone_by_name,
          canUndo: m.undone_at === null && m.survivor_merged_into === null,
        }),
      ),
    };
  }

  function fieldsOf(row: PersonRow): MergeFields {
    return {
      givenName: row.given_name,
      familyName: row.family_name,
      otherNames: row.other_names,
      dateOfBirth: row.date_of_birth,
      sex: row.sex,
      address: row.address,
      postcode: row.postcode,
      nhsNumber: row.nhs_number,
      caseStatus: row.case_status,
      allocatedWorkerId: row.allocated_worker_id,
    };
  }

  async function importRows(work: Work, hubId: string, rows: readonly ImportRow[], columns: number, ignoredColumns: string[], via: string): Promise<ImportReport> {
    const { tx, now } = work;
    const today = londonDate(now);
    const rejected: ImportReport['rejected'] = [];
    const accepted: Array<{ line: number; person: ValidPerson }> = [];
    const seenIds = new Map<string, number>();
    const seenNhs = new Map<string, number>();
    for (const row of rows) {
      const check = validateImportRow(row, { today, columns });
      if (!check.ok) {
        rejected.push({ line: row.line, reasons: check.reasons });
        continue;
      }
      const reasons: string[] = [];
      const idKey = check.person.identifiers[0] ? `${check.person.identifiers[0].source}:${check.person.identifiers[0].value}` : undefined;
      if (idKey && seenIds.has(idKey)) reasons.push(`external_id: the same source and external_id as line ${seenIds.get(idKey)}`);
      if (check.person.nhsNumber && seenNhs.has(check.person.nhsNumber)) reasons.push(`nhs_number: the same NHS number as line ${seenNhs.get(check.person.nhsNumber)}`);
      if (reasons.length > 0) {
        rejected.push({ line: row.line, reasons });
        continue;
      }
      if (idKey) seenIds.set(idKey, row.line);
      if (check.person.nhsNumber) seenNhs.set(check.person.nhsNumber, row.line);
      accepted.push({ line: row.line, person: check.person });
    }
    // already on the index: an import run twice imports nobody twice
    const owners = await repo.findIdentifierOwners(tx, hubId, accepted.flatMap((a) => a.person.identifiers));
    const ownedIds = new Set(owners.map((o) => `${o.source}:${o.value}`));
    const nhsOwners = new Set((await repo.findNhsOwners(tx, hubId, accepted.flatMap((a) => (a.person.nhsNumber ? [a.person.nhsNumber] : [])))).map((o) => o.nhs_number));
    const toInsert: Array<{ id: string; person: ValidPerson; origin: 'import' }> = [];
    for (const a of accepted) {
      const reasons: string[] = [];
      if (a.person.identifiers.some((i) => ownedIds.has(`${i.source}:${i.value}`))) reasons.push('external_id: already on the index with this source');
      if (a.person.nhsNumber && nhsOwners.has(a.person.nhsNumber)) reasons.push('nhs_number: already on the index');
      if (reasons.length > 0) rejected.push({ line: a.line, reasons });
      else toInsert.push({ id: randomUUID(), person: a.person, origin: 'import' });
    }
    await repo.insertPersons(tx, hubId, toInsert, work.actor?.userId ?? null, now);
    rejected.sort((a, b) => a.line - b.line);
    work.audit({ action: 'person.import', recordType: 'person', details: { rows: rows.length, imported: toInsert.length, rejected: rejected.length, via } });
    return { rows: rows.length, imported: toInsert.length, rejected, ignoredColumns };
  }

  return {
    /** Before showing an empty search form: may this person search? */
    async startSearch(actor: Actor, ctx: RequestContext): Promise<void> {
      await uow.run(actor, ctx, async (work) => {
        work.require('person.search', { hubId: actor.hubId });
      });
    },

    /** C2: search the index; candidates ranked by an absolute score with the reasons in words. Audited with counts only. */
    async search(actor: Actor, ctx: RequestContext, input: SearchInput, options: { limit?: number } = {}): Promise<SearchResult> {
      return uow.run(actor, ctx, async (work) => {
        work.require('person.search', { hubId: actor.hubId });
        return runSearch(work, actor.hubId, input, options);
      });
    },

    async getPerson(actor: Actor, ctx: RequestContext, personId: string): Promise<PersonView> {
      return uow.run(actor, ctx, async (work) => {
        const row = await loadPerson(work, 'person.read', personId);
        const person = await view(work, row);
        work.audit({ action: 'person.read', recordType: 'person', recordId: row.id, details: { contacts: person.contacts.length, relationships: person.relationships.length } });
        return person;
      });
    },

    /** A person recorded by a worker (or an agency system through the API). */
    async createPerson(actor: Actor, ctx: RequestContext, input: PersonInput): Promise<PersonView> {
      return uow.run(actor, ctx, async (work) => {
        work.require('person.write', { hubId: actor.hubId });
        const { id } = await createValidPerson(work, actor.hubId, input);
        return view(work, (await repo.findPerson(work.tx, id))!);
      });
    },

    async updatePerson(actor: Actor, ctx: RequestContext, personId: string, input: PersonInput, expectedVersion: number): Promise<PersonView> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        const row = await loadPerson(work, 'person.write', personId, true);
        if (row.merged_into) throw new DomainError('invalid-state', 'This record was merged into another: change that one');
        const { value, errors } = validatePerson(input, { today: londonDate(now) });
        if (!value) throw validationError(errors);
        const more: FieldError[] = [];
        await checkWorker(tx, row.hub_id, value.allocatedWorkerId, more);
        await checkUnique(tx, row.hub_id, value, row.id, more);
        if (more.length > 0) throw validationError(more);
        if (row.version !== expectedVersion) throw changed();
        const before = toRecord(row, await identifiersOf(tx, row.id));
        const { id: _id, ...columns } = personColumns(row.id, value);
        const updated = await repo.updatePerson(tx, row.id, expectedVersion, { ...columns, updated_at: now, updated_by: actor.userId });
        if (!updated) throw changed();
        await repo.replaceIdentifiers(tx, row.hub_id, row.id, value.identifiers, actor.userId, now);
        await repo.replaceBlockKeys(tx, row.hub_id, row.id, before, recordOf(row.id, value));
        work.audit({ action: 'person.update', recordType: 'person', recordId: row.id, details: { identifiers: value.identifiers.length, caseStatus: value.caseStatus } });
        return view(work, updated);
      });
    },

    /** Family and household links (Think Family): `kind` says what the related person is to this one. */
    async addRelationship(actor: Actor, ctx: RequestContext, personId: string, input: RelationshipInput): Promise<PersonView> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        const row = await loadPerson(work, 'person.write', personId);
        const { value, errors } = validateRelationship(input);
        if (!value) throw validationError(errors);
        const relatedId = isUuid(value.relatedPersonId) ? value.relatedPersonId.toLowerCase() : undefined;
        const related = relatedId ? await repo.findPerson(tx, relatedId) : undefined;
        if (!related || related.hub_id !== row.hub_id) throw validationError([{ field: 'relatedPersonId', text: 'Select the related person' }]);
        if (related.id === row.id) throw validationError([{ field: 'relatedPersonId', text: 'A person cannot be linked to themselves' }]);
        if (row.merged_into || related.merged_into) throw new DomainError('invalid-state', 'A merged record cannot be linked: use the record it was merged into');
        if (await repo.findRelationshipBetween(tx, row.id, related.id)) throw validationError([{ field: 'relatedPersonId', text: 'They are already linked: remove that link first to change it' }]);
        const id = randomUUID();
        // `kind` is what the related person is to this one: stored as "person_id is the kind of related_person_id"
        await repo.insertRelationship(tx, { id, hub_id: row.hub_id, person_id: related.id, related_person_id: row.id, kind: value.kind, household: value.household, created_at: now, created_by: actor.userId });
        const details = { relationshipId: id, kind: value.kind, household: value.household };
        work.audit({ action: 'person.relationship.add', recordType: 'person', recordId: row.id, details: { ...details, relatedPersonId: related.id } });
        work.audit({ action: 'person.relationship.add', recordType: 'person', recordId: related.id, details: { ...details, relatedPersonId: row.id } });
        return view(work, row);
      });
    },

    async endRelationship(actor: Actor, ctx: RequestContext, personId: string, relationshipId: string): Promise<PersonView> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        const row = await loadPerson(work, 'person.write', personId);
        const rel = await repo.findRelationship(tx, requireId(relationshipId));
        if (!rel || rel.ended_at || (rel.person_id !== row.id && rel.related_person_id !== row.id)) throw notFound();
        if (!(await repo.endRelationship(tx, rel.id, now, actor.userId))) throw changed();
        const other = rel.person_id === row.id ? rel.related_person_id : rel.person_id;
        work.audit({ action: 'person.relationship.end', recordType: 'person', recordId: row.id, details: { relationshipId: rel.id, relatedPersonId: other } });
        work.audit({ action: 'person.relationship.end', recordType: 'person', recordId: other, details: { relationshipId: rel.id, relatedPersonId: row.id } });
        return view(work, row);
      });
    },

    /** The link page: the subject as recorded, the search pre-filled from it, and (optionally re-)searched. */
    async getLinkPage(actor: Actor, ctx: RequestContext, contactId: string, subjectId: string, input?: SearchInput): Promise<LinkPage> {
      return uow.run(actor, ctx, async (work) => {
        const cid = requireId(contactId);
        const sid = requireId(subjectId);
        const subject = await repo.findSubject(work.tx, sid);
        requireOn(work, 'person.search', { hubId: subject?.hub_id, recordType: 'contact', recordId: cid });
        requireOn(work, 'person.write', { hubId: subject?.hub_id, recordType: 'contact', recordId: cid });
        if (!subject || subject.contact_id !== cid) throw notFound();
        work.audit({ action: 'contact.subject.read', recordType: 'contact', recordId: cid, details: { subjectId: sid, for: 'link' } });
        const prefill = prefillFrom(subject);
        const searchable = input ?? prefill;
        let result: SearchResult | null = null;
        if (!subject.person_id) {
          // a first look with what the referrer gave; a typed search reports its own mistakes
          if (input) result = await runSearch(work, subject.hub_id, input);
          else if (validateSearch(searchable).value) result = await runSearch(work, subject.hub_id, searchable);
        }
        return {
          contact: { id: cid, reference: subject.reference, ladoInvolved: involvesLado(subject.concern_categories) },
          subject: {
            id: subject.id,
            role: subject.role,
            givenName: subject.given_name,
            familyName: subject.family_name,
            dateOfBirth: subject.date_of_birth,
            sex: subject.sex,
            address: subject.address,
            postcode: subject.postcode,
            nhsNumber: subject.nhs_number,
            personId: subject.person_id,
          },
          prefill,
          result,
        };
      });
    },

    /**
     * C2 link and route (000 §6.2): the subject is linked to the person (or to a new one from the
     * details given); an open case alerts the allocated worker and team manager, a known person
     * gets the contact on file, and an allegation against a professional also goes to the LADO.
     */
    async linkSubject(actor: Actor, ctx: RequestContext, contactId: string, subjectId: string, target: LinkTarget): Promise<LinkResult> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        const cid = requireId(contactId);
        const sid = requireId(subjectId);
        const subject = await repo.findSubject(tx, sid);
        requireOn(work, 'person.write', { hubId: subject?.hub_id, recordType: 'contact', recordId: cid });
        if (!subject || subject.contact_id !== cid) throw notFound();
        if (subject.person_id) throw new DomainError('invalid-state', 'This person on the contact is already linked to the person index');
        const hubId = subject.hub_id;

        let person: PersonRow | undefined;
        let created = false;
        if ('personId' in target) {
          if (!isUuid(target.personId)) throw validationError([{ field: 'personId', text: 'Select the person to link to' }]);
          person = await repo.findPersonForUpdate(tx, target.personId.toLowerCase());
          // a merged record stands for the record it was merged into
          for (let i = 0; person?.merged_into && i < 10; i++) person = await repo.findPersonForUpdate(tx, person.merged_into);
          if (!person || person.hub_id !== hubId || person.merged_into) throw validationError([{ field: 'personId', text: 'Select the person to link to' }]);
        } else {
          const made = await createValidPerson(work, hubId, target.newPerson);
          person = (await repo.findPerson(tx, made.id))!;
          created = true;
        }
        if (!(await repo.linkSubject(tx, sid, person.id, actor.userId, now))) throw new DomainError('conflict', 'Someone else linked this person on the contact while you were working on it');

        const routing = routeLinkedContact({
          caseStatus: person.case_status,
          allocatedWorkerId: person.allocated_worker_id,
          newPerson: created,
          allegationAgainstProfessional: involvesLado(subject.concern_categories),
          actorUserId: actor.userId,
        });
        let alerts = 0;
        for (const alert of routing.alerts) {
          if (alert.to === 'user') {
            await notify(tx, { hubId, userId: alert.userId, kind: 'alert', topic: alert.topic, message: alert.message, recordType: 'contact', recordId: cid }, now);
          } else {
            // the team manager: decision makers of the worker's children's social care agency
            const worker = person.allocated_worker_id ? await repo.findUser(tx, person.allocated_worker_id) : undefined;
            const workerAgency = worker ? await repo.findAgencyType(tx, worker.agency_id) : undefined;
            const agencyId = workerAgency?.type === 'childrens-social-care' ? workerAgency.id : (await repo.findChildrensSocialCare(tx, hubId))?.id;
            await notify(tx, { hubId, role: 'decision-maker', agencyId, kind: 'alert', topic: alert.topic, message: alert.message, recordType: 'contact', recordId: cid }, now);
          }
          alerts++;
        }
        let ladoClockStarted = false;
        if (routing.lado) {
          const hub = await repo.findHub(tx, hubId);
          const front = readFrontDoorSettings(hub?.settings);
          const clock = startClock('lado-allegation', timescale('lado-allegation', front.timescales).rule, subject.received_at, createWorkingCalendar(front.calendar));
          const inserted = await repo.insertClockIfAbsent(tx, { id: randomUUID(), hub_id: hubId, contact_id: cid, type: 'lado-allegation', rule: JSON.stringify(clock.rule), started_at: clock.startedAt, due_at: clock.dueAt });
          // intake may have started the clock and tasked the LADO already: never twice
          if (inserted) {
            ladoClockStarted = true;
            await notify(tx, { hubId, role: 'lado', kind: 'task', topic: 'lado-allegation', message: LADO_MESSAGE, recordType: 'contact', recordId: cid, dueAt: clock.dueAt }, now);
          }
        }
        const details = { contactId: cid, subjectId: sid, created, outcome: routing.outcome, alerts, lado: routing.lado, ladoClockStarted };
        work.audit({ action: 'person.link', recordType: 'person', recordId: person.id, details });
        work.audit({ action: 'contact.subject.link', recordType: 'contact', recordId: cid, details: { subjectId: sid, personId: person.id, outcome: routing.outcome } });
        return { personId: person.id, created, outcome: routing.outcome, text: routing.text, alerts, lado: routing.lado, ladoClockStarted };
      });
    },

    /** Records that may be duplicates of this one: a search by its own details. */
    async mergeCandidates(actor: Actor, ctx: RequestContext, personId: string): Promise<{ person: PersonView; result: SearchResult }> {
      return uow.run(actor, ctx, async (work) => {
        const row = await loadPerson(work, 'person.merge', personId);
        if (row.merged_into) throw new DomainError('invalid-state', 'This record was merged into another');
        const identifiers = await identifiersOf(work.tx, row.id);
        const input: SearchInput = {
          givenName: row.given_name ?? undefined,
          familyName: row.family_name ?? undefined,
          dateOfBirth: row.date_of_birth ?? undefined,
          postcode: row.postcode ?? undefined,
          address: row.address ?? undefined,
          nhsNumber: row.nhs_number ?? undefined,
          identifiers,
          sex: row.sex === 'female' || row.sex === 'male' ? row.sex : undefined,
        };
        const result = await runSearch(work, row.hub_id, input, { limit: 20, exclude: [row.id] });
        const person = await view(work, row);
        work.audit({ action: 'person.read', recordType: 'person', recordId: row.id, details: { for: 'merge' } });
        return { person, result };
      });
    },

    /** Both records side by side, how well they match, and what the merge would move. */
    async previewMerge(actor: Actor, ctx: RequestContext, keptId: string, duplicateId: string): Promise<MergePreview> {
      return uow.run(actor, ctx, async (work) => {
        const kept = await loadPerson(work, 'person.merge', keptId);
        const duplicate = await loadPerson(work, 'person.merge', duplicateId);
        if (kept.id === duplicate.id) throw validationError([{ field: 'duplicateId', text: 'Choose a different record to merge into this one' }]);
        if (kept.merged_into || duplicate.merged_into) throw new DomainError('invalid-state', 'One of these records has already been merged');
        const keptView = await view(work, kept);
        const dupView = await view(work, duplicate);
        const query: PersonQuery = toQuery(toRecord(kept, keptView.identifiers));
        const match = scoreCandidate(query, toRecord(duplicate, dupView.identifiers));
        const plan = planMerge(fieldsOf(kept), fieldsOf(duplicate));
        work.audit({ action: 'person.read', recordType: 'person', recordId: kept.id, details: { for: 'merge-preview' } });
        work.audit({ action: 'person.read', recordType: 'person', recordId: duplicate.id, details: { for: 'merge-preview' } });
        return {
          kept: keptView,
          duplicate: dupView,
          match: { score: match.score, band: match.band, reasons: match.reasons },
          differences: plan.differences,
          moves: { contacts: dupView.contacts.length, identifiers: dupView.identifiers.length, relationships: dupView.relationships.length },
        };
      });
    },

    /**
     * Merge a duplicate into the record kept: its contacts, IDs and family links move across,
     * its names become other names, and the kept record gains what it lacked. The duplicate
     * stays (unsearchable) so that the merge can be undone. Never automatic.
     */
    async mergePersons(actor: Actor, ctx: RequestContext, input: MergeInput): Promise<{ mergeId: string; person: PersonView }> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        const keptId = requireId(input.keptId);
        // access to the kept record first: nothing about the input is said to another hub
        await loadPerson(work, 'person.merge', keptId);
        if (!isUuid(input.duplicateId)) throw validationError([{ field: 'duplicateId', text: 'Choose the record to merge into this one' }]);
        const duplicateId = input.duplicateId.toLowerCase();
        if (keptId === duplicateId) throw validationError([{ field: 'duplicateId', text: 'Choose a different record to merge into this one' }]);
        // lock both, always in the same order
        const [first, second] = [keptId, duplicateId].sort();
        const locked = new Map<string, PersonRow>();
        for (const id of [first, second]) {
          const row = await loadPerson(work, 'person.merge', id, true);
          locked.set(row.id, row);
        }
        const kept = locked.get(keptId)!;
        const dup = locked.get(duplicateId)!;
        if (kept.hub_id !== dup.hub_id) throw notFound();
        if (kept.merged_into || dup.merged_into) throw new DomainError('invalid-state', 'One of these records has already been merged');
        if (kept.version !== input.keptVersion || dup.version !== input.duplicateVersion) throw changed();

        const keptIds = await repo.listIdentifiers(tx, [kept.id]);
        const dupIds = await repo.listIdentifiers(tx, [dup.id]);
        const before = toRecord(kept, keptIds);
        const dupRecord = toRecord(dup, dupIds);

        const subjects = await repo.listSubjectIdsOf(tx, dup.id);
        await repo.moveSubjects(tx, subjects, dup.id, kept.id);
        await repo.moveIdentifiers(tx, dupIds.map((i) => i.id), dup.id, kept.id);
        const keptOthers = new Set((await repo.listStandingRelationships(tx, kept.id)).map((r) => (r.person_id === kept.id ? r.related_person_id : r.person_id)));
        const relationships: string[] = [];
        const endedRelationships: string[] = [];
        for (const r of await repo.listStandingRelationships(tx, dup.id)) {
          const other = r.person_id === dup.id ? r.related_person_id : r.person_id;
          if (other === kept.id || keptOthers.has(other)) {
            // a link between the two records, or one the kept record already has: set aside
            await repo.endRelationship(tx, r.id, now, actor.userId);
            endedRelationships.push(r.id);
          } else {
            await repo.repointRelationship(tx, r.id, dup.id, kept.id);
            keptOthers.add(other);
            relationships.push(r.id);
          }
        }

        const plan = planMerge(fieldsOf(kept), fieldsOf(dup));
        const merged: MergeFields = { ...fieldsOf(kept), ...plan.after };
        const allIds = [...keptIds, ...dupIds].map((i) => ({ source: i.source, value: i.value }));
        const after: ValidPerson = { ...merged, identifiers: allIds };
        const { id: _id, ...columns } = personColumns(kept.id, after);
        const updated = await repo.updatePerson(tx, kept.id, kept.version, { ...columns, updated_at: now, updated_by: actor.userId });
        if (!updated) throw changed();
        await repo.replaceBlockKeys(tx, kept.hub_id, kept.id, before, recordOf(kept.id, after));
        await repo.replaceBlockKeys(tx, dup.hub_id, dup.id, dupRecord, undefined);
        await repo.setMergedInto(tx, dup.id, kept.id, now, actor.userId);

        const mergeId = randomUUID();
        const moved = { subjects, identifiers: dupIds.map((i) => i.id), relationships, endedRelationships };
        await repo.insertMerge(tx, { id: mergeId, hub_id: kept.hub_id, survivor_id: kept.id, duplicate_id: dup.id, merged_at: now, merged_by: actor.userId, survivor_before: plan.before, survivor_after: plan.after, moved });
        const counts = { mergeId, contacts: subjects.length, identifiers: dupIds.length, relationships: relationships.length, endedRelationships: endedRelationships.length, fieldsChanged: Object.keys(plan.after).length };
        work.audit({ action: 'person.merge', recordType: 'person', recordId: kept.id, details: { ...counts, duplicateId: dup.id } });
        work.audit({ action: 'person.merge', recordType: 'person', recordId: dup.id, details: { ...counts, keptId: kept.id } });
        return { mergeId, person: await view(work, updated) };
      });
    },

    /** Undo a merge: everything that moved goes back, and the kept record's changed fields are restored (unless changed again since). */
    async undoMerge(actor: Actor, ctx: RequestContext, mergeId: string): Promise<{ keptId: string; duplicateId: string; fieldsKept: string[] }> {
      return uow.run(actor, ctx, async (work) => {
        const { tx, now } = work;
        const id = requireId(mergeId);
        const merge = await repo.findMerge(tx, id);
        requireOn(work, 'person.merge', { hubId: merge?.hub_id, recordType: 'person', recordId: merge?.survivor_id ?? id });
        if (!merge) throw notFound();
        if (merge.undone_at) throw new DomainError('invalid-state', 'This merge has already been undone');
        const [first, second] = [merge.survivor_id, merge.duplicate_id].sort();
        const a = await repo.findPersonForUpdate(tx, first);
        const b = await repo.findPersonForUpdate(tx, second);
        const kept = [a, b].find((p) => p?.id === merge.survivor_id)!;
        const dup = [a, b].find((p) => p?.id === merge.duplicate_id)!;
        if (kept.merged_into) throw new DomainError('invalid-state', 'The kept record has since been merged into another: undo that merge first');
        if (dup.merged_into !== kept.id) throw new DomainError('invalid-state', 'The merged record is no longer part of this merge');

        const keptIdsBefore = await repo.listIdentifiers(tx, [kept.id]);
        const beforeRecord = toRecord(kept, keptIdsBefore);
        const moved = merge.moved;
        await repo.moveSubjects(tx, moved.subjects, kept.id, dup.id);
        await repo.moveIdentifiers(tx, moved.identifiers, kept.id, dup.id);
        for (const rid of moved.relationships) await repo.repointRelationship(tx, rid, kept.id, dup.id);
        await repo.reopenRelationships(tx, moved.endedRelationships);

        const { restore, kept: fieldsKept } = planUndo(fieldsOf(kept), { before: merge.survivor_before as never, after: merge.survivor_after as never });
        const restored: MergeFields = { ...fieldsOf(kept), ...restore };
        const keptIdsAfter = (await repo.listIdentifiers(tx, [kept.id])).map((i) => ({ source: i.source, value: i.value }));
        const after: ValidPerson = { ...restored, identifiers: keptIdsAfter };
        const { id: _id, ...columns } = personColumns(kept.id, after);
        const updated = await repo.updatePerson(tx, kept.id, kept.version, { ...columns, updated_at: now, updated_by: actor.userId });
        if (!updated) throw changed();
        await repo.setMergedInto(tx, dup.id, null, now, actor.userId);
        await repo.replaceBlockKeys(tx, kept.hub_id, kept.id, beforeRecord, recordOf(kept.id, after));
        await repo.replaceBlockKeys(tx, dup.hub_id, dup.id, undefined, toRecord(dup, await identifiersOf(tx, dup.id)));
        if (!(await repo.markMergeUndone(tx, id, now, actor.userId))) throw changed();
        const details = { mergeId: id, contacts: moved.subjects.length, identifiers: moved.identifiers.length, relationships: moved.relationships.length + moved.endedRelationships.length, fieldsKept: fieldsKept.length };
        work.audit({ action: 'person.merge-undo', recordType: 'person', recordId: kept.id, details: { ...details, duplicateId: dup.id } });
        work.audit({ action: 'person.merge-undo', recordType: 'person', recordId: dup.id, details: { ...details, keptId: kept.id } });
        return { keptId: kept.id, duplicateId: dup.id, fieldsKept };
      });
    },

    /** Before showing the import page: may this person import? */
    async startImport(actor: Actor, ctx: RequestContext): Promise<void> {
      await uow.run(actor, ctx, async (work) => {
        work.require('person.import', { hubId: actor.hubId });
      });
    },

    /** Import persons from CSV text (a page paste or the API): at most MAX_ROWS_PER_REQUEST rows, one transaction. */
    async importPersonsCsv(actor: Actor, ctx: RequestContext, csv: string): Promise<ImportReport> {
      return uow.run(actor, ctx, async (work) => {
        work.require('person.import', { hubId: actor.hubId });
        const file = readImportFile(csv);
        if (!file.ok) throw validationError(file.errors);
        if (file.rows.length > MAX_ROWS_PER_REQUEST) {
          throw validationError([{ field: 'csv', text: `The file has more than ${MAX_ROWS_PER_REQUEST.toLocaleString('en-GB')} rows: split it, or use the command line (openmash persons import)` }]);
        }
        return importRows(work, actor.hubId, file.rows, file.columns, file.ignoredColumns, 'web');
      });
    },

    /** Import already-read rows (the command line sends a large file in chunks, each its own transaction). */
    async importPersonRows(actor: Actor, ctx: RequestContext, input: { rows: readonly ImportRow[]; columns: number; ignoredColumns?: string[] }): Promise<ImportReport> {
      return uow.run(actor, ctx, async (work) => {
        work.require('person.import', { hubId: actor.hubId });
        return importRows(work, actor.hubId, input.rows, input.columns, input.ignoredColumns ?? [], 'cli');
      });
    },

    /** The front-door team an open case can be allocated to. No personal data. */
    async workers(actor: Actor, ctx: RequestContext): Promise<Array<{ id: string; name: string; role: string }>> {
      return uow.run(actor, ctx, async (work) => {
        work.require('person.write', { hubId: actor.hubId });
        const rows = await repo.listWorkers(work.tx, actor.hubId, FRONT_DOOR_ROLES);
        return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role }));
      });
    },

    /** Persons a family link may be made to from this one: on the same contacts, or at the same address. */
    async relationshipChoices(actor: Actor, ctx: RequestContext, personId: string) {
      return uow.run(actor, ctx, async (work) => {
        const row = await loadPerson(work, 'person.write', personId);
        const today = londonDate(work.now);
        const linked = new Set((await repo.listRelationships(work.tx, row.id)).map((r) => r.other_id));
        const co = await repo.listCoSubjects(work.tx, row.hub_id, row.id);
        const near = row.postcode && row.address_key ? await repo.listSameAddress(work.tx, row.hub_id, row.postcode, row.address_key, [row.id]) : [];
        const seen = new Set<string>();
        const choices = [...co, ...near].filter((p) => !linked.has(p.id) && !seen.has(p.id) && (seen.add(p.id), true)).map((p) => briefOf(p, today));
        work.audit({ action: 'person.read', recordType: 'person', recordId: row.id, details: { for: 'relationship-choices', choices: choices.length } });
        return choices;
      });
    },
  };
}

export type PersonsService = ReturnType<typeof createPersonsService>;

/** The link page's search, pre-filled from the subject as recorded: only values a search accepts. */
function prefillFrom(s: { given_name: string | null; family_name: string | null; date_of_birth: string | null; sex: string | null; address: string | null; postcode: string | null; nhs_number: string | null }): LinkSearchValues {
  const dob = normaliseDate(s.date_of_birth ?? undefined);
  return {
    givenName: s.given_name ?? '',
    familyName: s.family_name ?? '',
    dateOfBirth: dob ?? '',
    sex: s.sex === 'female' || s.sex === 'male' ? s.sex : '',
    address: s.address ?? '',
    postcode: s.postcode && parsePartialPostcode(s.postcode) ? s.postcode : '',
    nhsNumber: normaliseNhsNumber(s.nhs_number ?? undefined) ?? '',
    laId: '',
  };
}

/** A stored person read as a search (for a merge's match score). */
function toQuery(r: ReturnType<typeof toRecord>): PersonQuery {
  return {
    givenName: r.givenName || undefined,
    familyName: r.familyName || undefined,
    dateOfBirth: r.dateOfBirth,
    postcode: r.postcode,
    address: r.address,
    nhsNumber: r.nhsNumber,
    identifiers: r.identifiers,
    sex: r.sex,
  };
}


/**
 * THE one place that decides which fields of information requests and responses a viewer sees.
 * Pages, the API and exports all go through these functions.
 *
 * - A partner agency practitioner sees only requests to their own agency, only the minimum
 *   needed to search their systems (name, DOB, address, household) and never another agency's
 *   answer (PRODUCT C6; 000 §6.4 "no agency will have access to the others' databases").
 * - Held-back parts are visible to the decision maker and the originating agency only; anyone
 *   else who may see the response gets a sign-post instead (000 ISA "Consent": held-back
 *   information "will always be sign pointed to any professional who may receive a referral").
 * - Everything else follows need-to-know (PRODUCT C11; 000 ISA 1.60): deny unless a rule allows.
 */
import type { Enquiry, EnquiryRequest, EnquiryStatus, EnquirySubject, HouseholdMember } from './enquiry';
import type { EnquiryResponse, ResponseItem } from './response';
import { DomainError } from '../../../platform/errors';
import { DECISION_MAKER_ROLE, isPartnerPractitionerRole, type Brag } from './types';

export interface Viewer {
  role: string;
  agencyId: string;
  hubId: string;
  /** set by the caller when the hub grants decision-maker rights beyond the role name */
  isDecisionMaker?: boolean;
}

export interface VisibilityContext {
  /** the hub of the contact the request belongs to */
  hubId: string;
  /**
   * The viewer's team has received a referral or request for service arising from this contact
   * (e.g. an assessment team, the LADO): they may read what can be shared, with sign-posts.
   */
  viewerReceivedReferral?: boolean;
}

/** How a viewer stands towards a record, decided once, then switched on exhaustively. */
export type ViewerClass =
  | 'decision-maker'
  | 'mash-social-work' // MASH social worker / assistant: gathers and summarises (000 §6.3)
  | 'support-officer' // logs and screens; no need to read agency answers (000 §6.2)
  | 'partner-practitioner'
  | 'lado'
  | 'governance' // IG lead / DPO
  | 'auditor'
  | 'no-access';

export function classifyViewer(viewer: Viewer, context: Pick<VisibilityContext, 'hubId'>): ViewerClass {
  if (viewer.hubId !== context.hubId) return 'no-access';
  if (viewer.isDecisionMaker === true || viewer.role === DECISION_MAKER_ROLE) return 'decision-maker';
  if (isPartnerPractitionerRole(viewer.role)) return 'partner-practitioner';
  switch (viewer.role) {
    case 'social-worker':
      return 'mash-social-work';
    case 'mso':
      return 'support-officer';
    case 'lado':
      return 'lado';
    case 'ig-lead':
      return 'governance';
    case 'auditor':
      return 'auditor';
    default:
      return 'no-access';
  }
}

export interface VisibleItem {
  id: string;
  kind: ResponseItem['kind'];
  text: string;
  heldBack: boolean;
  heldBackReason?: string;
  addedAt: Date;
  later: boolean;
}

export type ResponseView =
  | { level: 'none' }
  /** that an answer exists and when — nothing of its content */
  | { level: 'status'; enquiryId: string; agencyId: string; agencyName: string; respondedAt: Date }
  /** the shareable parts; held-back parts replaced by a sign-post */
  | {
      level: 'shared';
      enquiryId: string;
      agencyId: string;
      agencyName: string;
      respondedAt: Date;
      noInformationHeld: boolean;
      agencyBrag?: Brag;
      items: VisibleItem[];
      signpost?: string;
    }
  /** everything, held-back parts included and marked */
  | {
      level: 'full';
      enquiryId: string;
      agencyId: string;
      agencyName: string;
      respondedAt: Date;
      noInformationHeld: boolean;
      agencyBrag?: Brag;
      items: VisibleItem[];
    };

export const heldBackSignpost = (agencyName: string): string =>
  `${agencyName} hold further information held back within the MASH; ask the decision maker.`;

const isOriginatingAgency = (viewer: Viewer, response: EnquiryResponse): boolean => viewer.agencyId === response.agencyId;

export function visibleResponse(viewer: Viewer, response: EnquiryResponse, context: VisibilityContext): ResponseView {
  if (response.hubId !== context.hubId) return { level: 'none' };
  const cls = classifyViewer(viewer, context);
  switch (cls) {
    case 'decision-maker':
      return full(response);
    case 'partner-practitioner':
      // their own agency's answer in full; never another agency's
      return isOriginatingAgency(viewer, response) ? full(response) : { level: 'none' };
    case 'mash-social-work':
      // a CSC social worker answering for CSC is the originating agency of that answer
      return isOriginatingAgency(viewer, response) ? full(response) : shared(response);
    case 'lado':
      if (isOriginatingAgency(viewer, response)) return full(response);
      return context.viewerReceivedReferral === true ? shared(response) : { level: 'none' };
    case 'auditor':
      // multi-agency audits review the quality of information shared (000 §8); held-back stays held back
      return shared(response);
    case 'support-officer':
    case 'governance':
      return status(response);
    case 'no-access':
      return { level: 'none' };
    default: {
      const unknown: never = cls;
      throw new DomainError('invalid-state', `unknown viewer class ${String(unknown)}`);
    }
  }
}

function status(r: EnquiryResponse): ResponseView {
  return { level: 'status', enquiryId: r.enquiryId, agencyId: r.agencyId, agencyName: r.agencyName, respondedAt: r.respondedAt };
}

function toVisible(i: ResponseItem, withReason: boolean): VisibleItem {
  return {
    id: i.id,
    kind: i.kind,
    text: i.text,
    heldBack: i.heldBack,
    ...(withReason && i.heldBackReason ? { heldBackReason: i.heldBackReason } : {}),
    addedAt: i.addedAt,
    later: i.later,
  };
}

function full(r: EnquiryResponse): ResponseView {
  return {
    level: 'full',
    enquiryId: r.enquiryId,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    respondedAt: r.respondedAt,
    noInformationHeld: r.noInformationHeld,
    ...(r.agencyBrag ? { agencyBrag: r.agencyBrag } : {}),
    items: r.items.map((i) => toVisible(i, true)),
  };
}

function shared(r: EnquiryResponse): ResponseView {
  const anyHeldBack = r.items.some((i) => i.heldBack);
  return {
    level: 'shared',
    enquiryId: r.enquiryId,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    respondedAt: r.respondedAt,
    noInformationHeld: r.noInformationHeld,
    ...(r.agencyBrag ? { agencyBrag: r.agencyBrag } : {}),
    items: r.items.filter((i) => !i.heldBack).map((i) => toVisible(i, false)),
    ...(anyHeldBack ? { signpost: heldBackSignpost(r.agencyName) } : {}),
  };
}

/** Name, date of birth, address and household: what an agency needs to search its own systems. */
export interface MinimalSubject {
  personId: string;
  name: string;
  dateOfBirth?: string;
  address?: string;
  household: HouseholdMember[];
}

export type EnquiryView =
  | { level: 'none' }
  /** governance: that a request exists, to whom, its state and dates */
  | { level: 'summary'; id: string; contactId: string; agencyId: string; agencyName: string; status: EnquiryStatus; sentAt: Date; dueAt: Date }
  /** the agency asked: minimum subject details, the request, their own answer */
  | {
      level: 'agency';
      id: string;
      agencyId: string;
      agencyName: string;
      status: EnquiryStatus;
      sentAt: Date;
      dueAt: Date;
      brag: Brag;
      subjects: MinimalSubject[];
      request: EnquiryRequest;
      response: ResponseView;
    }
  /** MASH staff and auditors: the whole request; the response as visibleResponse allows */
  | {
      level: 'full';
      id: string;
      contactId: string;
      agencyId: string;
      agencyName: string;
      status: EnquiryStatus;
      sentAt: Date;
      sentBy: string;
      dueAt: Date;
      brag: Brag;
      subjects: EnquirySubject[];
      request: EnquiryRequest;
      response: ResponseView;
    };

export function minimalSubject(s: EnquirySubject): MinimalSubject {
  return {
    personId: s.personId,
    name: s.name,
    ...(s.dateOfBirth ? { dateOfBirth: s.dateOfBirth } : {}),
    ...(s.address ? { address: s.address } : {}),
    household: s.household.map((h) => ({ name: h.name, relationship: h.relationship, ...(h.dateOfBirth ? { dateOfBirth: h.dateOfBirth } : {}) })),
  };
}

function responseOf(enquiry: Enquiry): EnquiryResponse | undefined {
  return enquiry.status === 'responded' || enquiry.status === 'supplemented' ? enquiry.response : undefined;
}

export function visibleEnquiry(viewer: Viewer, enquiry: Enquiry, context: VisibilityContext): EnquiryView {
  if (enquiry.hubId !== context.hubId) return { level: 'none' };
  const cls = classifyViewer(viewer, context);
  const r = responseOf(enquiry);
  const responseView: ResponseView = r ? visibleResponse(viewer, r, context) : { level: 'none' };
  const ownAgency = viewer.agencyId === enquiry.agencyId;
  switch (cls) {
    case 'decision-maker':
    case 'mash-social-work':
    case 'support-officer':
    case 'auditor':
      return fullEnquiry(enquiry, responseView);
    case 'partner-practitioner':
      return ownAgency ? agencyEnquiry(enquiry, responseView) : { level: 'none' };
    case 'lado':
      if (ownAgency) return agencyEnquiry(enquiry, responseView);
      return context.viewerReceivedReferral === true ? fullEnquiry(enquiry, responseView) : { level: 'none' };
    case 'governance':
      return {
        level: 'summary',
        id: enquiry.id,
        contactId: enquiry.contactId,
        agencyId: enquiry.agencyId,
        agencyName: enquiry.agencyName,
        status: enquiry.status,
        sentAt: enquiry.sentAt,
        dueAt: enquiry.dueAt,
      };
    case 'no-access':
      return { level: 'none' };
    default: {
      const unknown: never = cls;
      throw new DomainError('invalid-state', `unknown viewer class ${String(unknown)}`);
    }
  }
}

function agencyEnquiry(e: Enquiry, response: ResponseView): EnquiryView {
  return {
    level: 'agency',
    id: e.id,
    agencyId: e.agencyId,
    agencyName: e.agencyName,
    status: e.status,
    sentAt: e.sentAt,
    dueAt: e.dueAt,
    brag: e.brag,
    subjects: e.subjects.map(minimalSubject),
    request: e.request,
    response,
  };
}

function fullEnquiry(e: Enquiry, response: ResponseView): EnquiryView {
  return {
    level: 'full',
    id: e.id,
    contactId: e.contactId,
    agencyId: e.agencyId,
    agencyName: e.agencyName,
    status: e.status,
    sentAt: e.sentAt,
    sentBy: e.sentBy,
    dueAt: e.dueAt,
    brag: e.brag,
    subjects: e.subjects,
    request: e.request,
    response,
  };
}

/** Lists: a partner practitioner's queue holds only requests to their agency. */
export function visibleEnquiries(viewer: Viewer, enquiries: readonly Enquiry[], context: VisibilityContext): EnquiryView[] {
  return enquiries.map((e) => visibleEnquiry(viewer, e, context)).filter((v) => v.level !== 'none');
}

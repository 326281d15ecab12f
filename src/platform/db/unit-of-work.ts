import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { decide, type Actor, type Permission, type ResourceFacts } from '../access/policy';
import { appendAuditEvents, auditRows, isReadAction, type AuditContext, type AuditEntry, type AuditRow, type ReadAuditWriter } from '../audit/audit-log';
import { DomainError } from '../errors';
import type { SystemClock } from '../time/clock';

/** Where a request came from; written into every audit event as its correlation. */
export interface RequestContext {
  requestId: string;
  sourceAddress: string | null;
}

export const systemContext = (label: string): RequestContext => ({ requestId: label, sourceAddress: null });

/** Thrown by `work.require`; carries what the refusal audit event needs. */
export class AccessRefused extends DomainError {
  constructor(
    readonly permission: Permission,
    readonly policyReason: string,
    readonly resource: { recordType?: string; recordId?: string; hubId?: string } | undefined,
    hide: boolean,
  ) {
    // hide: answer "not found" so that guessing ids tells nothing about other hubs' or agencies' records
    super(hide ? 'not-found' : 'forbidden', hide ? 'Not found' : 'You do not have permission to do that');
  }
}

export interface Work {
  tx: Transaction<DB>;
  actor: Actor | null;
  now: Date;
  context: RequestContext;
  /** record an audit event; written in this transaction, just before it commits */
  audit(entry: AuditEntry): void;
  /** ask the policy; throws AccessRefused (audited in its own transaction) when denied */
  require(permission: Permission, resource?: ResourceFacts & { recordType?: string; recordId?: string }, options?: { hide?: boolean }): Actor;
  /** side effects (email, job wake-ups) that must only happen once the work is committed */
  onCommit(fn: () => Promise<void> | void): void;
  /**
   * One-statement work: takes the events recorded so far as rows for the caller's own
   * statement to insert with its change; they are not written again.
   */
  takeAuditRows(): AuditRow[];
}

export interface RunOptions {
  /**
   * No transaction: the work changes data in one statement, which PostgreSQL makes atomic by
   * itself, and that statement inserts the work's audit events (`takeAuditRows`). Saves the
   * BEGIN and COMMIT round trips on the busiest path (contact intake).
   */
  oneStatement?: boolean;
  /**
   * No transaction: the work only reads, and its events are reads (checked). At READ COMMITTED
   * every statement takes its own snapshot, inside a transaction or not, so a transaction adds
   * nothing to a read but its BEGIN and COMMIT round trips.
   */
  readOnly?: boolean;
}

export class UnitOfWork {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: SystemClock,
    /** told after a commit that wrote audit events (the sealer chains them) */
    private readonly onAudited: () => void = () => undefined,
    /** when given, a unit of work whose events are all reads writes them through it, after its commit */
    private readonly readAudit?: ReadAuditWriter,
  ) {}

  async run<T>(actor: Actor | null, context: RequestContext, fn: (work: Work) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const now = this.clock.now();
    const afterCommit: Array<() => Promise<void> | void> = [];
    let audited = false;
    let readEntries: AuditEntry[] = [];
    try {
      const body = async (tx: Transaction<DB>) => {
        let entries: AuditEntry[] = [];
        let taken = 0;
        const work: Work = {
          tx,
          actor,
          now,
          context,
          audit: (entry) => entries.push(entry),
          require: (permission, resource, options) => {
            if (!actor) throw new AccessRefused(permission, 'not signed in', undefined, false);
            const decision = decide(actor, permission, resource);
            if (!decision.allowed) {
              throw new AccessRefused(
                permission,
                decision.reason,
                resource ? { recordType: resource.recordType, recordId: resource.recordId, hubId: resource.hubId } : undefined,
                options?.hide ?? false,
              );
            }
            return actor;
          },
          onCommit: (f) => afterCommit.push(f),
          takeAuditRows: () => {
            const rows = auditRows(auditContext(actor, context), entries, now);
            taken += entries.length;
            entries = [];
            return rows;
          },
        };
        const value = await fn(work);
        if (options.readOnly && entries.some((e) => !isReadAction(e.action))) throw new Error('a read-only unit of work recorded a change');
        // events not taken by a one-statement work are written on their own (autocommit) after it
        if (this.readAudit && entries.length > 0 && entries.every((e) => isReadAction(e.action))) readEntries = entries;
        else if (entries.length > 0) await appendAuditEvents(tx, auditContext(actor, context), entries, now);
        audited = entries.length + taken > 0;
        return value;
      };
      // one-statement work runs on the pool directly: its statement is its own transaction
      const result = options.oneStatement || options.readOnly ? await body(this.db as unknown as Transaction<DB>) : await this.db.transaction().execute(body);
      // the read's answer is not returned until its event is committed: a failure here fails it
      if (readEntries.length > 0) await this.readAudit!.append(auditContext(actor, context), readEntries, now);
      if (audited) this.onAudited();
      for (const f of afterCommit) {
        try {
          await f();
        } catch {
          // after-commit effects retry from the outbox; the committed work stands
        }
      }
      return result;
    } catch (error) {
      if (error instanceof AccessRefused) await this.auditRefusal(actor, context, error, now);
      throw error;
    }
  }

  /** Audit-only work with no other writes (e.g. a failed sign-in). */
  async auditOnly(actor: Actor | null, context: RequestContext, entries: AuditEntry[]): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction().execute((tx) => appendAuditEvents(tx, auditContext(actor, context), entries, now));
    this.onAudited();
  }

  private async auditRefusal(actor: Actor | null, context: RequestContext, refusal: AccessRefused, now: Date) {
    // the refused work rolled back; its refusal is recorded on its own so it is never lost
    await this.db.transaction().execute((tx) =>
      appendAuditEvents(
        tx,
        auditContext(actor, context),
        [
          {
            action: 'access.refused',
            outcome: 'refused',
            recordType: refusal.resource?.recordType,
            recordId: refusal.resource?.recordId,
            details: { permission: refusal.permission, policy: refusal.policyReason },
          },
        ],
        now,
      ),
    );
    this.onAudited();
  }
}

function auditContext(actor: Actor | null, context: RequestContext): AuditContext {
  return {
    hubId: actor?.hubId ?? null,
    actorUserId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    actorAgencyId: actor?.agencyId ?? null,
    requestId: context.requestId,
    sourceAddress: context.sourceAddress,
  };
}

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * Contact reference numbers handed out from blocks reserved ahead, each block in its own short
 * transaction. Without them an intake takes the hub's counter row and holds it to its commit,
 * so concurrent intakes commit one at a time. With them an intake takes a number from memory
 * and locks nothing. Numbers stay unique and rise per hub and year; the unused rest of a block
 * is skipped when the server stops (a gap, never a repeat).
 *
 * `take` never waits: with no number in hand the caller falls back to the counter row in its
 * own transaction, and a refill is started for the next callers.
 */
export interface ReferenceBlocks {
  take(hubId: string, year: number): number | undefined;
}

export function createReferenceBlocks(db: Kysely<DB>, blockSize: number, onError: (e: unknown) => void = () => undefined): ReferenceBlocks {
  interface Block {
    next: number;
    end: number;
    /** the block reserved ahead, used when this one runs out */
    spare?: { start: number; end: number };
    refilling: boolean;
  }
  const blocks = new Map<string, Block>();
  const refill = (block: Block, hubId: string, year: number) => {
    block.refilling = true;
    db.insertInto('contact_reference_counter')
      .values({ hub_id: hubId, year, last_value: blockSize })
      .onConflict((oc) => oc.columns(['hub_id', 'year']).doUpdateSet((eb) => ({ last_value: eb('contact_reference_counter.last_value', '+', blockSize) })))
      .returning('last_value')
      .executeTakeFirstOrThrow()
      .then(({ last_value }) => {
        block.spare = { start: last_value - blockSize + 1, end: last_value };
      })
      .catch(onError)
      .finally(() => {
        block.refilling = false;
      });
  };
  return {
    take(hubId, year) {
      if (blockSize <= 0) return undefined;
      const key = `${hubId}:${year}`;
      let block = blocks.get(key);
      if (!block) {
        block = { next: 1, end: 0, refilling: false };
        blocks.set(key, block);
      }
      if (block.next > block.end && block.spare) {
        block.next = block.spare.start;
        block.end = block.spare.end;
        block.spare = undefined;
      }
      const number = block.next <= block.end ? block.next++ : undefined;
      if (!block.spare && !block.refilling && block.end - block.next < blockSize / 2) refill(block, hubId, year);
      return number;
    },
  };
}

import type { Store, StoredEnvelope } from '../store/store.ts';
import type { CardVault } from './vault.ts';

export interface RotationProgress {
  resealed: number;
  /** Changed by a live write between read and re-seal (a payment deleted a CSC, a new card came in). */
  overtaken: number;
}

export interface RotationReport extends RotationProgress {
  /** Envelopes no held key opens (sealed under a key this configuration lacks, or damaged). */
  unreadable: number;
  /** Key ids of the envelopes still not under the active key once done (`v1`: written before key ids). */
  remainingKeyIds: string[];
  /** Envelopes still not under the active key: 0 means every other key can be retired. */
  remaining: number;
}

export interface RotationOptions {
  batchSize?: number;
  /** Passes over the store before giving up on envelopes that live writes keep putting back. */
  maxPasses?: number;
  onBatch?: (progress: RotationProgress) => void;
}

const DEFAULT_BATCH = 500;
const DEFAULT_PASSES = 5;

/**
 * Re-seals every card envelope in the store under the vault's active key, while the gateway serves. Each
 * envelope is replaced by compare-and-set on its exact old value, so a concurrent write always wins (a CSC a
 * payment deleted stays deleted, a card put in meanwhile is kept): such an envelope is simply looked at again
 * in the next pass. Passes repeat until one finds nothing left to re-seal; the report then says whether any
 * envelope remains under another key, i.e. whether the old keys can be retired.
 */
export async function rotateEnvelopes(
  store: Store,
  vault: CardVault,
  options: RotationOptions = {},
): Promise<RotationReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const progress: RotationProgress = { resealed: 0, overtaken: 0 };
  let left: StoredEnvelope[] = [];
  for (let pass = 0; pass < (options.maxPasses ?? DEFAULT_PASSES); pass++) {
    left = [];
    let changed = 0;
    await eachBatch(store, vault.currentPrefix, batchSize, async (batch) => {
      for (const found of batch) {
        let next: string;
        try {
          next = vault.reseal(found.envelope, found.owner);
        } catch {
          left.push(found);
          continue;
        }
        if (await store.replaceEnvelope(found, next)) progress.resealed += 1;
        else progress.overtaken += 1;
        changed += 1;
      }
      options.onBatch?.({ ...progress });
    });
    if (changed === 0) break;
  }
  // What is still not under the active key now, after the last pass.
  const remaining: StoredEnvelope[] = [];
  await eachBatch(store, vault.currentPrefix, batchSize, async (batch) => void remaining.push(...batch));
  return {
    ...progress,
    unreadable: left.length,
    remaining: remaining.length,
    remainingKeyIds: [...new Set(remaining.map((found) => vault.keyIdOf(found.envelope)))].sort(),
  };
}

async function eachBatch(
  store: Store,
  notPrefixedBy: string,
  limit: number,
  work: (batch: StoredEnvelope[]) => Promise<void>,
): Promise<void> {
  let after: StoredEnvelope | undefined;
  for (;;) {
    const batch = await store.listEnvelopes({ notPrefixedBy, ...(after ? { after } : {}), limit });
    if (batch.length > 0) await work(batch);
    if (batch.length < limit) return;
    after = batch.at(-1);
  }
}

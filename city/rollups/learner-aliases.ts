/**
 * Learner key version 2 at the hub (docs/PROTOCOL.md §12). A `learner.rekeyed {learner_key,
 * previous_key}` event says that a version-1 key now stands as a version-2 key. The hub merges the
 * two learners in the rollups once (rollup-deltas.ts `merges`), keeps the mapping in
 * `learner_aliases`, and reads every later fact under the old key as the new key — so a person is
 * counted once whether their events came before or after the re-keying, from whichever station.
 */
import type { SqlExecutor } from '../db/hub-database';
import type { EventFact } from '../store/event-store';

export interface Rekey {
  readonly previousKey: string;
  readonly learnerKey: string;
}

/** The well-formed re-keyings of a batch, one per previous key (the first wins; they all agree). */
export function rekeysOf(facts: readonly EventFact[]): Rekey[] {
  const byPrevious = new Map<string, Rekey>();
  for (const fact of facts) {
    if (fact.kind !== 'learner.rekeyed' || fact.learnerKey === null || fact.previousKey === null || fact.previousKey === undefined || fact.previousKey === fact.learnerKey) continue;
    if (!byPrevious.has(fact.previousKey)) byPrevious.set(fact.previousKey, { previousKey: fact.previousKey, learnerKey: fact.learnerKey });
  }
  return [...byPrevious.values()];
}

/** The stored aliases of any of `keys` (previous key → current key). */
export async function readAliases(tx: SqlExecutor, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.query<{ previous_key: string; learner_key: string }>('SELECT previous_key, learner_key FROM learner_aliases WHERE previous_key = ANY($1::text[])', [keys]);
  return new Map(rows.map((row) => [row.previous_key, row.learner_key]));
}

/** Records new aliases (a previous key already mapped keeps its first mapping). */
export async function saveAliases(tx: SqlExecutor, rekeys: readonly Rekey[], at: number): Promise<void> {
  if (rekeys.length === 0) return;
  await tx.query(
    'INSERT INTO learner_aliases (previous_key, learner_key, created_at) SELECT p, l, $3 FROM unnest($1::text[], $2::text[]) AS t(p, l) ON CONFLICT (previous_key) DO NOTHING',
    [rekeys.map((r) => r.previousKey), rekeys.map((r) => r.learnerKey), at],
  );
}

/** The batch's facts with every learner key read through the aliases (re-keyings themselves left as sent). */
export function canonicalFacts(facts: readonly EventFact[], aliases: ReadonlyMap<string, string>): EventFact[] {
  return facts.map((fact) => {
    if (fact.kind === 'learner.rekeyed' || fact.learnerKey === null) return fact;
    const current = aliases.get(fact.learnerKey);
    return current === undefined ? fact : { ...fact, learnerKey: current };
  });
}

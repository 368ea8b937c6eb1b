/**
 * Seeds the hub-scale bench through the real ingest path: for each batch the station signs the body
 * as docs/PROTOCOL.md §3 says, the hub verifies that signature against the enrolled public key, parses the
 * body with the wire parser and stores it with applyBatch (chain check, COPY, rollups, head) — what
 * the upload route does minus HTTP. Resumes from the stations' acknowledged seqs.
 */
import { parseEventsBatch } from '../../../electron/core/sync/protocol/events-batch-parse';
import { requestSigningText } from '../../../electron/core/sync/protocol/signed-messages';
import { verifyText } from '../../../city/crypto/ed25519';
import type { HubContext } from '../../../city/hub-context';
import { applyBatch } from '../../../city/ingest/apply-batch';
import { EVENTS_PER_LEARNER, LEARNERS_PER_BATCH, learnerEvents, sha256Hex, signText, WARDS } from './scale-stations';
import type { ChainHead, ScaleStation } from './scale-stations';

export interface SeedResult {
  readonly events: number;
  readonly ms: number;
}

/** Learners stored so far (every station's acked seq / 6, summed). */
export async function storedLearners(ctx: HubContext): Promise<number> {
  const rows = await ctx.db.query<{ n: number }>('SELECT COALESCE(sum(acked_seq), 0)::bigint AS n FROM station_epochs WHERE epoch = 1');
  return Math.floor((rows[0]?.n ?? 0) / EVENTS_PER_LEARNER);
}

async function heads(ctx: HubContext): Promise<Map<string, ChainHead>> {
  const rows = await ctx.db.query<{ station_id: string; acked_seq: number; head_hash: string }>('SELECT station_id, acked_seq, head_hash FROM station_epochs WHERE epoch = 1');
  return new Map(rows.map((row) => [row.station_id, { seq: row.acked_seq, hash: row.head_hash }]));
}

/** Stores learners until `target` are in, with `workers` batches in flight; prints progress. */
export async function seedLearners(
  ctx: HubContext,
  stations: readonly ScaleStation[],
  p: { target: number; totalLearners: number; prefix: string; workers: number; say: (line: string) => void },
): Promise<SeedResult> {
  const S = stations.length;
  const chain = await heads(ctx);
  const publicKeys = new Map(stations.map((station) => [station.stationId, station.publicKeyB64]));
  let events = 0;
  const start = performance.now();
  let lastReport = start;

  async function storeBatch(station: ScaleStation, numbers: number[]): Promise<void> {
    const head = chain.get(station.stationId);
    if (head === undefined) throw new Error(`station ${station.stationId} is not enrolled`);
    const prevHash = head.hash;
    const batchEvents = learnerEvents(station, head, numbers, { totalLearners: p.totalLearners, prefix: p.prefix, wards: WARDS });
    const first = batchEvents[0]?.seq ?? 0;
    const body = JSON.stringify({ epoch: 1, first_seq: first, last_seq: first + batchEvents.length - 1, prev_hash: prevHash, events: batchEvents, app_version: 'bench' });
    const path = `/v1/stations/${station.stationId}/events`;
    const text = requestSigningText('POST', path, sha256Hex(body), Date.now(), '-');
    const sig = signText(station, text);
    if (!verifyText(publicKeys.get(station.stationId) ?? '', text, sig)) throw new Error('signature refused');
    const parsed = parseEventsBatch(JSON.parse(body));
    if (!parsed.ok) throw new Error(`bad batch: ${parsed.detail}`);
    const answer = await applyBatch(ctx, station.stationId, parsed.value, { source: 'upload' });
    if (answer.status !== 200 || answer.body.inserted !== batchEvents.length) throw new Error(`batch refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    events += batchEvents.length;
    const now = performance.now();
    if (now - lastReport > 15_000) {
      lastReport = now;
      p.say(`  seeded ${events.toLocaleString('en')} events this run, ${Math.round(events / ((now - start) / 1000))} events/s`);
    }
  }

  /** The learner numbers a station still owes below the target, in batches. */
  function* batchesOf(station: ScaleStation): Generator<number[]> {
    const done = Math.floor((chain.get(station.stationId)?.seq ?? 0) / EVENTS_PER_LEARNER);
    let n = station.index + S * done;
    while (n < p.target) {
      const numbers: number[] = [];
      for (; numbers.length < LEARNERS_PER_BATCH && n < p.target; n += S) numbers.push(n);
      yield numbers;
    }
  }

  // Worker w owns stations w, w + workers, …, and takes one batch of each in turn.
  await Promise.all(
    Array.from({ length: p.workers }, async (_v, w) => {
      const mine = stations.filter((_s, i) => i % p.workers === w).map((station) => ({ station, batches: batchesOf(station) }));
      while (mine.length > 0) {
        for (let i = 0; i < mine.length; ) {
          const item = mine[i];
          const next = item?.batches.next();
          if (item === undefined || next === undefined || next.done === true) {
            mine.splice(i, 1);
            continue;
          }
          await storeBatch(item.station, next.value);
          i += 1;
        }
      }
    }),
  );
  return { events, ms: performance.now() - start };
}

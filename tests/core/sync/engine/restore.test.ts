// docs/PROTOCOL.md §5: the cursor is the truth — a city restored from a backup gets the lost range again.
import { describe, expect, it } from 'vitest';
import { acks, EngineDriver, ModelCity, sends } from './engine-fixture';

describe('restore', () => {
  it('re-sends from the city acked_seq when it is lower than believed, and records the lower value', () => {
    const engine = new EngineDriver();
    engine.start(1_200, 1_200);
    const commands = engine.cursor(700);
    expect(acks(commands)).toEqual([700]);
    expect(sends(commands)).toEqual([{ fromSeq: 701, count: 500 }]);
    expect(engine.state.acked?.seq).toBe(700);
  });

  it('a city restored between two batches answers gap; the station rewinds and catches up', () => {
    const city = new ModelCity();
    const engine = new EngineDriver();
    engine.start(1_500, 0);
    expect(sends(engine.feed(city.cursor()))).toEqual([{ fromSeq: 1, count: 500 }]);
    let commands = engine.feed(city.upload(1, 500));
    expect(sends(commands)).toEqual([{ fromSeq: 501, count: 500 }]);
    city.restoreTo(200);
    commands = engine.feed(city.upload(501, 500));
    expect(commands).toEqual([{ type: 'send_batch', epoch: 1, fromSeq: 201, count: 500 }]);
    for (let guard = 0; guard < 10; guard += 1) {
      const send = commands.find((command) => command.type === 'send_batch');
      if (send === undefined) break;
      commands = engine.feed(city.upload(send.fromSeq, send.count));
    }
    expect(city.acked).toBe(1_500);
    expect(engine.state.acked?.seq).toBe(1_500);
    expect(engine.state.phase).toBe('idle');
  });

  it('a city restored to nothing gets the whole log again', () => {
    const engine = new EngineDriver();
    engine.start(40, 40);
    expect(sends(engine.cursor(0))).toEqual([{ fromSeq: 1, count: 40 }]);
  });

  it('stops when the city holds more than the station has (a station restored without a new epoch)', () => {
    const engine = new EngineDriver();
    engine.start(100, 100);
    const commands = engine.cursor(180);
    expect(commands).toContainEqual({ type: 'alert', reason: { code: 'city_ahead', cityAckedSeq: 180, localHeadSeq: 100 } });
    expect(acks(commands)).toEqual([]);
    expect(engine.state.acked?.seq).toBe(100);
  });
});

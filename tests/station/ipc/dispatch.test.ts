import { describe, expect, it, vi } from 'vitest';
import type { KioskHandlers } from '../../../electron/contract/kiosk-api';
import { createDispatch } from '../../../electron/station/ipc/dispatch';
import { StationError } from '../../../electron/station/station-error';
import { commandSpecs } from '../../../electron/contract/commands';

function handlers(overrides: Partial<KioskHandlers> = {}): KioskHandlers {
  return {
    getStatus: vi.fn(),
    getSyncStatus: vi.fn(),
    echo: vi.fn(async ({ text }) => ({ text, receivedAtMs: 7 })),
    ...overrides,
  } as KioskHandlers;
}

describe('createDispatch', () => {
  it('runs the handler with validated input and wraps the value', async () => {
    const dispatch = createDispatch(handlers());
    await expect(dispatch('echo', { text: 'hi' })).resolves.toEqual({ ok: true, value: { text: 'hi', receivedAtMs: 7 } });
  });

  it.each([
    ['unknown command', 'deleteEverything', {}, 'unknown_command'],
    ['prototype key as command', '__proto__', {}, 'unknown_command'],
    ['non-string command', 42, {}, 'unknown_command'],
    ['wrong type', 'echo', { text: 1 }, 'bad_request'],
    ['extra field', 'echo', { text: 'a', admin: true }, 'bad_request'],
    ['not an object', 'echo', 'text', 'bad_request'],
    ['too long field', 'echo', { text: 'x'.repeat(201) }, 'bad_request'],
    ['oversized', 'echo', { text: 'x'.repeat(70_000) }, 'too_large'],
  ])('refuses %s with a typed error and never calls the handler', async (_label, command, input, code) => {
    const set = handlers();
    const result = await createDispatch(set)(command, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(set.echo).not.toHaveBeenCalled();
  });

  const spot = { kind: 'spot', tapped: ['link'] };
  it.each([
    ['typed text as a tapped part', { id: 'mat-khau-otp', step: 'p1', answer: { kind: 'spot', tapped: ['mật khẩu của tôi'] } }],
    ['a free-text field in a form', { id: 'dich-vu-cong-quoc-gia', step: 'p1', answer: { kind: 'form', values: { 'ho-ten': 'Nguyễn Văn A' } } }],
    ['an ID number as a form value', { id: 'dich-vu-cong-quoc-gia', step: 'p1', answer: { kind: 'form', values: { 'so-dinh-danh': 22_160_012_345 } } }],
    ['an extra field beside the answer', { id: 'mat-khau-otp', step: 'p1', answer: { ...spot, otp: '123456' } }],
    ['an unknown practice kind', { id: 'mat-khau-otp', step: 'p1', answer: { kind: 'essay', text: 'x' } }],
    ['an info step as the practice step', { id: 'mat-khau-otp', step: 's1', answer: spot }],
    ['too many form fields', { id: 'a', step: 'p1', answer: { kind: 'form', values: Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => [k, 0])) } }],
  ])('refuses a practice answer with %s before it reaches the station', async (_label, input) => {
    const attemptPractice = vi.fn();
    const result = await createDispatch(handlers({ attemptPractice }))('attemptPractice', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(attemptPractice).not.toHaveBeenCalled();
  });

  it('refuses a cyclic argument as too large instead of throwing', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(createDispatch(handlers())('echo', cyclic)).resolves.toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('passes a StationError through with its code and its text in both languages', async () => {
    const dispatch = createDispatch(handlers({ getStatus: async () => { throw new StationError('unavailable', { vi: 'đang bảo trì', en: 'in maintenance' }); } }));
    await expect(dispatch('getStatus', {})).resolves.toEqual({ ok: false, error: { code: 'unavailable', message: 'đang bảo trì / in maintenance', text: { vi: 'đang bảo trì', en: 'in maintenance' } } });
  });

  // #21: "volunteer only" is a property of each command in the contract, checked here once.
  it('refuses a volunteer-only command unless the gate lets it through, before the handler runs', async () => {
    const endGroup = vi.fn(async () => ({ attendees: 0, durationMs: 0, completed: false, lessonTitle: null }));
    const set = handlers({ endGroup } as never);
    await expect(createDispatch(set)('endGroup', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden', text: { vi: expect.any(String), en: expect.any(String) } } });
    const closedGate = () => {
      throw new StationError('forbidden', { vi: 'Cần tình nguyện viên đăng nhập', en: 'A volunteer must sign in' });
    };
    await expect(createDispatch(set, { volunteerGate: closedGate })('endGroup', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(endGroup).not.toHaveBeenCalled();
    await expect(createDispatch(set, { volunteerGate: () => undefined })('endGroup', {})).resolves.toMatchObject({ ok: true });
    expect(endGroup).toHaveBeenCalledTimes(1);
    // A walk-in command never asks the gate.
    await expect(createDispatch(handlers(), { volunteerGate: closedGate })('echo', { text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('marks exactly the volunteer screens\' commands volunteer-only', () => {
    const marked = Object.entries(commandSpecs).filter(([, spec]) => spec.volunteerOnly).map(([name]) => name).sort();
    expect(marked).toEqual(
      ['beginLearnerLookup', 'endGroup', 'enrolStation', 'eraseLearner', 'exportBundle', 'exportStationReport', 'getAttendanceSheet', 'getFleetStatus', 'getGroup', 'getStationReport', 'groupAddWithoutCard', 'groupMarkCompleted', 'importFleetBundle', 'issueVolunteerCard', 'listExportTargets', 'listVolunteerCards', 'printLearnerCards', 'reprintLearnerCard', 'revokeVolunteerCard', 'setEnrolmentScan', 'startGroup'],
    );
  });

  it('hides the details of a handler bug and reports it', async () => {
    const onInternalError = vi.fn();
    const dispatch = createDispatch(handlers({ getStatus: async () => { throw new Error('SELECT secret FROM x'); } }), { onInternalError });
    const result = await dispatch('getStatus', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Trạm gặp lỗi, hãy báo tình nguyện viên. / Internal error in getStatus', text: { vi: 'Trạm gặp lỗi, hãy báo tình nguyện viên.', en: 'Internal error in getStatus' } },
    });
    expect(JSON.stringify(result)).not.toContain('SELECT');
    expect(onInternalError).toHaveBeenCalledWith('getStatus', expect.any(Error));
  });
});

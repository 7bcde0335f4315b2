import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoke } from './invoke';

afterEach(() => { vi.useRealTimers(); });

describe('invoke', () => {
  it('resolves with the first callback only', async () => {
    const outcome = await invoke((_c, _e, cb) => { cb(null, 1); cb(null, 2); cb(new Error('x')); }, {}, {}, 1000);
    expect(outcome).toEqual({ kind: 'success', payload: 1 });
  });

  it('turns a throw or a rejection into a failure', async () => {
    expect(await invoke(() => { throw new Error('sync'); }, {}, {}, 1000)).toMatchObject({ kind: 'failure', error: { message: 'sync' } });
    expect(await invoke(async () => { throw new Error('async'); }, {}, {}, 1000)).toMatchObject({ kind: 'failure', error: { message: 'async' } });
  });

  it('ignores a rejection after the callback', async () => {
    const outcome = await invoke(async (_c, _e, cb) => { cb(null, 'ok'); throw new Error('late'); }, {}, {}, 1000);
    expect(outcome).toEqual({ kind: 'success', payload: 'ok' });
  });

  it('times out when no callback comes, even if the handler resolved', async () => {
    expect(await invoke(async () => 'value', {}, {}, 20)).toEqual({ kind: 'timeout' });
    expect(await invoke(() => {}, {}, {}, 20)).toEqual({ kind: 'timeout' });
  });

  it('arms no timer when the handler calls back synchronously, and counts a long synchronous part against the limit', async () => {
    vi.useFakeTimers();
    const sync = invoke((_c, _e, cb) => cb(null, 'now'), {}, {}, 1000);
    expect(vi.getTimerCount()).toBe(0);
    expect(sync).toEqual({ kind: 'success', payload: 'now' }); // the outcome itself, not a promise of it

    const slow = invoke(() => { vi.setSystemTime(Date.now() + 900); }, {}, {}, 1000);
    expect(slow).toBeInstanceOf(Promise);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    await expect(slow).resolves.toEqual({ kind: 'timeout' });
  });

  it('waits for a callback that comes after the handler returned', async () => {
    const outcome = await invoke((_c, _e, cb) => { setTimeout(() => cb(null, 'later'), 5); }, {}, {}, 1000);
    expect(outcome).toEqual({ kind: 'success', payload: 'later' });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { keepUnchanged } from '../../../renderer/src/store/keep-unchanged';
import { useUi } from '../../../renderer/src/store';
import { EMPTY_SESSION } from '../../../renderer/src/steps';
import { ceremony, connection, parameters, resetStore, symmetricKey } from '../fake-api';

const copy = <T>(x: T): T => structuredClone(x);

describe('keepUnchanged (structural sharing of main answers)', () => {
  it('returns the previous object itself when the new one is deep-equal', () => {
    const prev = { a: 1, b: { c: [1, 2, { d: 'x' }] }, e: null };
    expect(keepUnchanged(prev, copy(prev))).toBe(prev);
  });

  it('keeps the identity of unchanged parts and takes the changed ones', () => {
    const prev = { same: { x: [1, 2] }, changed: { y: 1 }, list: [{ k: 1 }, { k: 2 }] };
    const next = { same: { x: [1, 2] }, changed: { y: 2 }, list: [{ k: 1 }, { k: 3 }] };
    const out = keepUnchanged(prev, next);
    expect(out).toEqual(next);
    expect(out).not.toBe(prev);
    expect(out.same).toBe(prev.same);
    expect(out.changed).toEqual({ y: 2 });
    expect(out.list).not.toBe(prev.list);
    expect(out.list[0]).toBe(prev.list[0]);
    expect(out.list[1]).toEqual({ k: 3 });
  });

  it('sees added, removed and undefined-valued keys, and shorter or longer arrays', () => {
    expect(keepUnchanged({ a: 1 }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined });
    expect(keepUnchanged({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
    const prev = { a: undefined } as { a?: number; b?: number };
    expect(keepUnchanged(prev, { b: undefined })).not.toBe(prev);
    expect(keepUnchanged([1, 2], [1])).toEqual([1]);
    expect(keepUnchanged([1], [1, 2])).toEqual([1, 2]);
  });

  it('takes a value whose kind changed (object ↔ null, array ↔ object, number ↔ string)', () => {
    expect(keepUnchanged({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
    expect(keepUnchanged({ a: [1] }, { a: { 0: 1 } })).toEqual({ a: { 0: 1 } });
    expect(keepUnchanged({ a: 1 }, { a: '1' })).toEqual({ a: '1' });
  });
});

describe('setSession', () => {
  afterEach(() => resetStore());

  it('leaves the session as it was when main answers with the same session', () => {
    resetStore({ ...EMPTY_SESSION, ceremony, connection });
    const before = useUi.getState().session;
    useUi.getState().setSession(copy(before));
    expect(useUi.getState().session).toBe(before);
  });

  it('does not wake subscribers of parts main did not change (the frame, the banner) when parameters arrive', () => {
    resetStore({ ...EMPTY_SESSION, ceremony, connection, key: symmetricKey });
    const seen: unknown[] = [];
    const unsubscribe = useUi.subscribe((s, prev) => {
      if (s.session.connection !== prev.session.connection) seen.push('connection');
      if (s.session.key !== prev.session.key) seen.push('key');
      if (s.session.parameters !== prev.session.parameters) seen.push('parameters');
    });
    useUi.getState().setSession(copy({ ...useUi.getState().session, parameters }));
    unsubscribe();
    expect(seen).toEqual(['parameters']);
    expect(useUi.getState().session.parameters).toEqual(parameters);
  });
});

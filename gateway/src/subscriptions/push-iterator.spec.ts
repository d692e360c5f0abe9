import { createPushIterator } from './push-iterator';

describe('push iterator', () => {
  it('hands pushed values to waiting and later pulls, in order', async () => {
    const it = createPushIterator<number>({ limit: 10, onEnd: jest.fn(), onOverflow: () => new Error('x') });
    const first = it.iterator.next();
    it.push(1);
    it.push(2);
    await expect(first).resolves.toEqual({ value: 1, done: false });
    await expect(it.iterator.next()).resolves.toEqual({ value: 2, done: false });
  });

  it('runs onEnd once when the subscriber leaves, and ignores later pushes', async () => {
    const onEnd = jest.fn();
    const it = createPushIterator<number>({ limit: 10, onEnd, onOverflow: () => new Error('x') });
    const pending = it.iterator.next();
    await it.iterator.return?.();
    await it.iterator.return?.();
    it.push(3);
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    await expect(it.iterator.next()).resolves.toEqual({ value: undefined, done: true });
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('ends a subscriber that falls more than `limit` values behind with the overflow error', async () => {
    const onEnd = jest.fn();
    const it = createPushIterator<number>({ limit: 2, onEnd, onOverflow: () => new Error('too slow') });
    it.push(1);
    it.push(2);
    it.push(3);
    await expect(it.iterator.next()).rejects.toThrow('too slow');
    expect(onEnd).toHaveBeenCalledTimes(1);
  });
});

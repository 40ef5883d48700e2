import { describe, expect, it } from 'vitest';
import { Limiter } from '../../src/main/core/limiter';

/** A job that ends when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, job: () => opened };
}

describe('the limiter of costly work', () => {
  it('runs a few jobs at once, queues some more in order, and refuses the rest at once', async () => {
    const limiter = new Limiter(2, 3, 'Too many exports at once.');
    const gates = Array.from({ length: 5 }, gate);
    const order: number[] = [];
    const running = gates.map((g, i) => limiter.run(async () => (await g.job(), order.push(i))));
    await expect(limiter.run(() => Promise.resolve(0))).rejects.toThrow('Too many exports at once. Try again in 2 s.');
    expect(limiter.queued).toBe(3);
    for (const i of [4, 3, 2, 1, 0]) gates[i]!.open(); // the queued ones may only start when a slot frees
    await Promise.all(running);
    expect(order.slice(0, 2).sort()).toEqual([0, 1]);
    expect(order.slice(2)).toEqual([2, 3, 4]);
    expect(limiter.peak).toBe(2);
    expect(limiter.ran).toBe(5);
  });

  it('hands a freed slot to the next in the queue, never to a newcomer as well', async () => {
    const limiter = new Limiter(1, 5, 'Busy.');
    const first = gate();
    const a = limiter.run(first.job);
    const b = limiter.run(() => Promise.resolve());
    first.open();
    await a;
    const c = limiter.run(() => Promise.resolve()); // arrives while b has the slot handed to it
    await Promise.all([b, c]);
    expect(limiter.peak).toBe(1);
  });

  it('frees the slot when a job fails', async () => {
    const limiter = new Limiter(1, 0, 'Busy.');
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});

import { TurnBatcher } from './turn-batcher';

describe('TurnBatcher', () => {
  const doubling = () => {
    const batches: number[][] = [];
    const batcher = new TurnBatcher<number, number>(async (inputs) => {
      batches.push(inputs);
      if (inputs.includes(0)) throw new Error('database gone');
      if (inputs.length > 1 && inputs.includes(13)) throw new Error('batch refused');
      if (inputs.includes(13)) throw new Error('13 refused');
      return inputs.map((n) => n * 2);
    }, 3, (error) => (error as Error).message !== 'database gone');
    return { batcher, batches };
  };

  it('runs the calls of one turn together, each getting its own answer', async () => {
    const { batcher, batches } = doubling();
    await expect(Promise.all([1, 2, 3].map((n) => batcher.submit(n)))).resolves.toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('splits a larger turn at the batch size, and starts a new batch in a later turn', async () => {
    const { batcher, batches } = doubling();
    const first = [1, 2, 3, 4, 5].map((n) => batcher.submit(n));
    await Promise.all(first);
    await batcher.submit(6);
    expect(batches).toEqual([[1, 2, 3], [4, 5], [6]]);
  });

  it('when a batch fails, runs each call alone so that only the one at fault fails', async () => {
    const { batcher, batches } = doubling();
    const results = await Promise.allSettled([7, 13, 8].map((n) => batcher.submit(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 14 },
      { status: 'rejected', reason: new Error('13 refused') },
      { status: 'fulfilled', value: 16 },
    ]);
    expect(batches).toEqual([[7, 13, 8], [7], [13], [8]]);
  });

  it('fails the whole batch, without running it again, for an error no single call causes', async () => {
    const { batcher, batches } = doubling();
    const results = await Promise.allSettled([7, 0, 8].map((n) => batcher.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(batches).toEqual([[7, 0, 8]]);
  });

  it('rejects every call, rather than leaving them waiting, when the runner throws at once or answers short', async () => {
    const throwing = new TurnBatcher<number, number>(() => {
      throw new Error('thrown before any promise');
    }, 3, () => false);
    await expect(Promise.allSettled([1, 2].map((n) => throwing.submit(n)))).resolves.toEqual([
      { status: 'rejected', reason: new Error('thrown before any promise') },
      { status: 'rejected', reason: new Error('thrown before any promise') },
    ]);
    const short = new TurnBatcher<number, number>(async (inputs) => inputs.slice(1), 3, () => false);
    const results = await Promise.allSettled([1, 2].map((n) => short.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('passes a lone call its own failure', async () => {
    const { batcher, batches } = doubling();
    await expect(batcher.submit(13)).rejects.toThrow('13 refused');
    expect(batches).toEqual([[13]]);
  });
});

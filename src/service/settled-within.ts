/**
 * Whether `work` settled within `timeoutMs` (it is not cancelled when it did not: the caller moves
 * on and says what it left behind). A rejection counts as settled: it is the work's to report.
 */
export async function settledWithin(work: Promise<unknown> | Iterable<Promise<unknown>>, timeoutMs: number): Promise<boolean> {
  // Not `instanceof Promise`: a promise made in another realm (jest's sandbox, a vm) is none.
  const all = Symbol.iterator in work ? [...(work as Iterable<Promise<unknown>>)] : [work as Promise<unknown>];
  let timer: NodeJS.Timeout | undefined;
  const settled = Promise.allSettled(all).then(() => true);
  const gaveUp = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([settled, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

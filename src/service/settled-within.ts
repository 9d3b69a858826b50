/**
 * Whether `work` settled within `timeoutMs` (it is not cancelled when it did not: the caller moves
 * on and says what it left behind). A rejection counts as settled: it is the work's to report.
 */
export async function settledWithin(work: Promise<unknown> | Iterable<Promise<unknown>>, timeoutMs: number): Promise<boolean> {
  const all = work instanceof Promise ? [work] : [...work];
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

/**
 * A tiny in-process read/write lock. Single-item operations share it; emulated transactions
 * hold it alone, so no other operation of this process interleaves with one.
 */
export interface ReadWriteLock {
  /** Runs `work` while holding the lock shared with other shared holders. */
  shared<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` while holding the lock alone. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Creates a lock. Writers are not starved: once an exclusive holder waits, new shared holders
 * queue behind it.
 *
 * @example
 * const lock = createReadWriteLock();
 * await lock.exclusive(async () => applyTransaction());
 */
export function createReadWriteLock(): ReadWriteLock {
  let activeShared = 0;
  let activeExclusive = false;
  const queue: Array<{ exclusive: boolean; start: () => void }> = [];

  function pump(): void {
    while (queue.length > 0) {
      const next = queue[0] as { exclusive: boolean; start: () => void };
      if (next.exclusive) {
        if (activeExclusive || activeShared > 0) return;
        queue.shift();
        activeExclusive = true;
        next.start();
        return;
      }
      if (activeExclusive) return;
      queue.shift();
      activeShared += 1;
      next.start();
    }
  }

  function run<T>(exclusive: boolean, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({
        exclusive,
        start: () => {
          work()
            .then(resolve, reject)
            .finally(() => {
              if (exclusive) activeExclusive = false;
              else activeShared -= 1;
              pump();
            });
        },
      });
      pump();
    });
  }

  return { shared: (work) => run(false, work), exclusive: (work) => run(true, work) };
}

import type { Db } from '@/lib/db/types';

type AnyFunction = (...args: unknown[]) => unknown;

function bindAll<T extends object>(target: T, override: (prop: string | symbol) => unknown): T {
  return new Proxy(target, {
    get(object, prop) {
      const replaced = override(prop);
      if (replaced !== undefined) return replaced;
      const value = Reflect.get(object, prop) as unknown;
      return typeof value === 'function' ? (value as AnyFunction).bind(object) : value;
    },
  });
}

/**
 * A database whose transactions break when they insert into `table`, after the statements before
 * it have run: the connection dropping half-way through a delivery.
 */
export function dbFailingOnInsertInto(
  db: Db,
  table: unknown,
  error = new Error('Connection terminated unexpectedly'),
): Db {
  return bindAll(db, (prop) => {
    if (prop !== 'transaction') return undefined;
    return (run: (tx: Db) => Promise<unknown>, config?: unknown) =>
      db.transaction(
        (tx) =>
          run(
            bindAll(tx, (txProp) =>
              txProp === 'insert'
                ? (target: unknown) => {
                    if (target === table) throw error;
                    return tx.insert(target as Parameters<Db['insert']>[0]);
                  }
                : undefined,
            ),
          ),
        config as Parameters<Db['transaction']>[1],
      );
  });
}

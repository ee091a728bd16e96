// Counts the SQL statements each request sends (app/lib/request-scope.server.ts): wraps a
// driver adapter factory so every query and execute, in or out of a transaction, and each
// transaction's BEGIN, is counted for the request that caused it. Prisma's query interpreter
// runs in the caller's async context. One exception: Prisma batches findUnique calls made in the
// same tick into one statement, which is counted for the first caller; per request a count can
// be off by that, a scenario's average is not.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQueryable } from "@prisma/driver-adapter-utils";
import { countStatement } from "~/lib/request-scope.server";

function counted<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = (query) => countStatement(() => queryRaw(query));
  queryable.executeRaw = (query) => countStatement(() => executeRaw(query));
  return queryable;
}

export function countingAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async (): Promise<SqlDriverAdapter> => {
    const adapter = counted(await connect());
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => counted(await countStatement(() => startTransaction(isolationLevel)));
    return adapter;
  };
  return factory;
}

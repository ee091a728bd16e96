import path from "node:path";

/** The benchmark's own database, never the demo one. */
export const BENCH_DB = path.resolve(process.env.BENCH_DB ?? "bench/bench.db");
export const RESULTS_FILE = path.resolve("bench/results/latest.json");

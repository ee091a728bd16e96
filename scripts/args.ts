// Command-line arguments for the operator scripts: node:util's parseArgs in strict mode, so a
// mistyped or unknown option is refused with the usage line (exit 2) instead of being ignored.
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandLine<O extends Options>(usage: string, options: O, { positionals = 0 }: { positionals?: number } = {}) {
  try {
    const parsed = parseArgs({
      args: process.argv.slice(2),
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: positionals > 0,
    });
    if (parsed.positionals.length > positionals) throw new Error(`Unexpected argument '${parsed.positionals[positionals]}'.`);
    if ((parsed.values as { help?: boolean }).help) {
      console.log(`Usage: ${usage}`);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    console.error(String((error as Error).message ?? error));
    return refuse(usage);
  }
}

/** Prints the usage line and exits 2 (a usage error, as distinct from a failure: exit 1). */
export function refuse(usage: string, problem?: string): never {
  if (problem) console.error(problem);
  console.error(`Usage: ${usage}`);
  process.exit(2);
}

export type DatabaseProviderName = "sqlite" | "postgresql";
export declare const DEFAULT_DATABASE_URL: string;
export declare function databaseProvider(url?: string): DatabaseProviderName;
/** The SQLite file's absolute path; databaseFile also creates its directory. */
export declare function databasePath(url?: string): string;
export declare function databaseFile(url?: string): string;
/** The SQLite file's path, or the PostgreSQL URL: what a reader of its own (verification, the CLI) opens. */
export declare function databaseTargetOf(url?: string): string;
export declare function redactedUrl(url?: string): string;
export declare function prismaPaths(provider?: DatabaseProviderName): { schema: string; migrations: string };

export declare const DEFAULT_DATABASE_URL: string;
export declare function databaseFile(url?: string): string;

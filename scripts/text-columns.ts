// The text columns held to the character rules of app/modules/proposals/text.ts, and whether
// each may hold line breaks. Shared by the SQL generators of both providers
// (scripts/text-triggers-sql.ts for SQLite, scripts/pg-rules-sql.ts for PostgreSQL).
export const TEXT_COLUMNS: readonly (readonly [table: string, columns: readonly (readonly [column: string, multiline: boolean])[]])[] = [
  [
    "Proposal",
    [
      ["title", false],
      ["leadOrganisation", false],
      ["summary", true],
      ["sourceQuote", true],
    ],
  ],
  [
    "Milestone",
    [
      ["title", false],
      ["note", true],
    ],
  ],
  ["ProgressUpdate", [["body", true]]],
  [
    "User",
    [
      ["name", false],
      ["email", false],
    ],
  ],
  ["SavedView", [["name", false]]],
];

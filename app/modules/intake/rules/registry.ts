// Every language the intake reads. Adding one (Japanese: rules/ja.ts) is its rules file and a line
// here; LANGUAGES, detectLanguage and findCandidates all read this table.
import { en } from "./en";
import { ru } from "./ru";
import type { LanguageRules } from "./types";

export const RULES = { en, ru } as const satisfies Record<string, LanguageRules>;

export type Language = keyof typeof RULES;

import type { $Enums } from "@prisma/client";
import { listing } from "~/lib/listing";
import en from "./locales/en";
import ja from "./locales/ja";
import ru from "./locales/ru";

// The message catalogue: one resource file per language in ./locales, each a flat map from key to
// an ICU MessageFormat string (decision 024). English is the source and the fallback; every key
// must be in every language (tests/unit/i18n.test.ts fails otherwise). Keys are typed from
// English: a key it lacks is a compile error.

export type MessageKey = keyof typeof en;
export type Catalogue = Partial<Record<MessageKey, string>>;

/** The interface languages a user can choose: the Prisma enum Locale (stored on their account). */
export type Locale = $Enums.Locale;
export const LOCALES = listing<Locale>()(["en", "ru", "ja"]);
/** Each language named in itself, for the switchers. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ru: "Русский", ja: "日本語" };

export const CATALOGUES: Record<Locale, Catalogue> = { en, ru, ja };
export { en };

/** Whether a stored or submitted value is one of the interface languages. */
export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

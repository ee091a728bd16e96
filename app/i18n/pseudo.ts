// The pseudo-locale en-XA (decision 024): every English message with the letters of its own
// words accented and each run of them wrapped in ⟦ ⟧, its placeholders and plural structure
// untouched, so that what fills a placeholder stays outside the brackets and is checked too. A page rendered in it shows
// at a glance (and to tests/e2e/pseudo-locale.spec.ts, mechanically) any text that did not come
// from the catalogue: that text keeps plain ASCII letters. It is offered only when the server
// runs with I18N_PSEUDO=on; users never see it.
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { printAST } from "@formatjs/icu-messageformat-parser/printer.js";
import type { Catalogue, Locale } from "./messages";
import { en } from "./messages";

export const PSEUDO = "en-XA";
export type UiLocale = Locale | typeof PSEUDO;

const ACCENTED: Record<string, string> = Object.fromEntries(
  [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((c, i) => [c, [..."ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ"][i]]),
);

/** Plain letters accented: "Save" → "Şȧṽḗ". */
export const accent = (text: string): string => text.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c);

function accentElements(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: /[A-Za-z]/.test(element.value) ? `⟦${accent(element.value)}⟧` : element.value };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(element.options).map(([name, option]) => [name, { ...option, value: accentElements(option.value) }]));
      return { ...element, options };
    }
    if (element.type === TYPE.tag) return { ...element, children: accentElements(element.children) };
    return element;
  });
}

/** One English message in the pseudo-locale: "⟦Şȧṽḗ⟧", "⟦Ḓŭḗ ⟧{date}". */
export function pseudoMessage(source: string): string {
  return printAST(accentElements(parse(source)));
}

let made: Catalogue | undefined;
/** The whole pseudo catalogue, made from English on first use. */
export function pseudoCatalogue(): Catalogue {
  return (made ??= Object.fromEntries(Object.entries(en).map(([key, source]) => [key, pseudoMessage(source)])) as Catalogue);
}

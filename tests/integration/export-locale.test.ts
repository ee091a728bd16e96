// Issue 11 item 1 (the exports' part): the words in an exported file come from the message
// catalogue, in the language of the user who exports; codes, stored text and column names do not.
import { parse } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGUES, en } from "~/i18n/messages";
const ru = CATALOGUES.ru;
import { streamProposalExport } from "~/modules/proposals/export.server";
import { setLocale } from "~/modules/users/service.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, ctx } from "../support/factories";
import { sessionCookie } from "../support/http";

let server: http.Server;
let base = "";
const cookies = { en: "", ru: "" };

beforeAll(async () => {
  await seedDemoData({ quiet: true });
  await setLocale(await actor("analyst2@example.org"), "ru", ctx);
  cookies.en = await sessionCookie("viewer@example.org");
  cookies.ru = await sessionCookie("analyst2@example.org");
  server = http.createServer((req, res) => void streamProposalExport(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function exported(locale: "en" | "ru", query: string) {
  const res = await fetch(`${base}/proposals/export?${query}`, { headers: { Cookie: cookies[locale] }, signal: AbortSignal.timeout(10_000) });
  expect(res.status).toBe(200);
  return res.text();
}

describe("exports in the user's language", () => {
  it("CSV: area names translated, everything else the same", async () => {
    const [english, russian] = await Promise.all(
      ["en", "ru"].map(
        async (l) => parse(await exported(l as "en" | "ru", "format=csv&area=energy"), { columns: true, bom: true }) as Record<string, string>[],
      ),
    );
    expect(english.length).toBeGreaterThan(0);
    expect(english.every((r) => r.area === en["area.energy"])).toBe(true);
    expect(russian.every((r) => r.area === ru["area.energy"])).toBe(true);
    expect(russian.map(({ area: _, ...rest }) => rest)).toEqual(english.map(({ area: _, ...rest }) => rest));
  });

  it("IATI: translated narratives carry their language; stored text and codes do not change", async () => {
    const [english, russian] = await Promise.all([exported("en", "format=iati"), exported("ru", "format=iati")]);
    expect(XMLValidator.validate(russian)).toBe(true);
    const read = (xml: string) =>
      new XMLParser({ ignoreAttributes: false, isArray: (n) => ["iati-activity", "participating-org", "recipient-country", "result"].includes(n) }).parse(xml)[
        "iati-activities"
      ]["iati-activity"];
    const [a, b] = [read(english), read(russian)];
    expect(b.length).toBe(a.length);
    const withCountries = b.findIndex((x: { "recipient-country"?: unknown[] }) => x["recipient-country"]?.length);
    const country = b[withCountries]["recipient-country"][0];
    expect(country.narrative["#text"]).toBe(ru[`country.${country["@_code"]}` as keyof typeof ru]);
    expect(country.narrative["@_xml:lang"]).toBe("ru");
    expect(b[0].sector.narrative).toMatchObject({ "#text": ru[`area.${b[0].sector["@_code"]}` as keyof typeof ru], "@_xml:lang": "ru" });
    expect(b[0]["reporting-org"].narrative["#text"]).toBe(ru["export.iati.reportingOrg"]);
    // The activity stays English (its stored text), with the same titles and codes.
    expect(b[0]["@_xml:lang"]).toBe("en");
    expect(b.map((x: { title: unknown }) => x.title)).toEqual(a.map((x: { title: unknown }) => x.title));
    expect(b.map((x: { "activity-status": unknown }) => x["activity-status"])).toEqual(a.map((x: { "activity-status": unknown }) => x["activity-status"]));
    // English has no narrative language of its own, as before.
    expect(english).not.toContain("<narrative xml:lang=");
    expect(english).toContain(`<narrative>${en["export.iati.reportingOrg"]}</narrative>`);
  });
});

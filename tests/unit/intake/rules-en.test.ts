import { describe, expect, it } from "vitest";
import { findCandidates, type Candidate } from "~/modules/intake/candidates";

const EVENT = "2025-12-20";
/** eventDate null: no event date. */
const find = (text: string, eventDate: string | null = EVENT) => findCandidates(text, { lang: "en", eventDate: eventDate ?? undefined });
const one = (text: string, eventDate?: string | null): Candidate => {
  const found = find(text, eventDate);
  expect(found).toHaveLength(1);
  return found[0];
};
/** Every candidate's quote is exactly its [start, end) of the text. */
function expectExactOffsets(text: string, candidates: Candidate[]) {
  for (const c of candidates) {
    expect(text.slice(c.start, c.end)).toBe(c.quote);
    expect(text.slice(c.sentenceStart, c.sentenceEnd)).toContain(c.quote);
  }
}

describe("English cues", () => {
  it.each([
    ["First, it was proposed to hold summits at the heads-of-state level once every two years.", "proposal"],
    ["The Head of State advocated developing a Cooperation Strategy.", "advocacy"],
    ["Japan’s initiative to organize the first meeting of ministers of justice in Tokyo was supported.", "proposal"],
    ["The leaders supported the establishment of an Expert Forum.", "support"],
    ["Readiness was expressed to host one of these future meetings in Uzbekistan.", "readiness"],
    ["The sides agreed to launch a joint programme on air quality.", "agreement"],
    ["It was decided to adopt a joint Action Plan on climate change.", "decision"],
    ["Interest was expressed in attracting Japanese investment for projects to develop railways.", "interest"],
    ["The importance of implementing joint projects on cogeneration was emphasized.", "importance"],
    ["Japan will establish a scholarship programme for young engineers.", "intention"],
  ])("%s → %s", (sentence, kind) => {
    expect(one(sentence).cueKind).toBe(kind);
  });

  it.each([
    "Japan has supported the development of the region since 2004.",
    "High appreciation was expressed for Japan’s consistent position as a leading donor and partner in supporting the Afghan people for many years.",
    "Concluding his speech, the President of Uzbekistan expressed support for the decisions on all agenda items.",
    "Following the event, the Tokyo Declaration was adopted.",
    "More than 20 years ago, Japan proposed to establish the first dialogue in the “Central Asia Plus” format.",
    "In 2019 it was proposed to build a new road.",
    "The President put forward a number of initiatives.",
    "The region’s rich natural resources create favorable conditions for cooperation with Japan.",
  ])("no candidate from background or reporting: %s", (sentence) => {
    expect(find(sentence)).toEqual([]);
  });
});

describe("English list splitting", () => {
  it("gives one candidate per listed item, each quote its exact substring", () => {
    const text =
      "In the ecological sphere, the Head of State advocated the launch of a joint Program to improve air quality in Central Asia, the adoption of a joint Action Plan on combating climate change, as well as the establishment, within the framework of the Dialogue, of a new format of meetings of heads of environmental authorities.";
    const found = find(text);
    expectExactOffsets(text, found);
    expect(found.map((c) => c.quote)).toEqual([
      "In the ecological sphere, the Head of State advocated the launch of a joint Program to improve air quality in Central Asia",
      "the adoption of a joint Action Plan on combating climate change",
      "the establishment, within the framework of the Dialogue, of a new format of meetings of heads of environmental authorities",
    ]);
    expect(found.map((c) => c.title)).toEqual([
      "Joint Program to improve air quality in Central Asia",
      "Joint Action Plan on combating climate change",
      "Establishment of a new format of meetings of heads of environmental authorities",
    ]);
    expect(found.map((c) => c.start)).toEqual([0, text.indexOf("the adoption"), text.indexOf("the establishment")]);
    expect(new Set(found.map((c) => c.area))).toEqual(new Set(["environment"]));
  });

  it("splits infinitives, participles and a list that shares one “to”, and names the fund as the title", () => {
    const fund =
      "In this regard, it was proposed to establish an Investment Fund for the Development of Infrastructure and Industry of Central Asia, launching on its basis a “Quality Infrastructure” Program, as well as to create a Central Asian network of Japanese technoparks – a regional platform for industrial cooperation, localization, and technology transfer.";
    const found = find(fund);
    expectExactOffsets(fund, found);
    expect(found.map((c) => c.title)).toEqual([
      "Investment Fund for the Development of Infrastructure and Industry of Central Asia",
      "“Quality Infrastructure” Program",
      "Central Asian network of Japanese technoparks",
    ]);
    expect(found[2].quote).toBe(
      "to create a Central Asian network of Japanese technoparks – a regional platform for industrial cooperation, localization, and technology transfer",
    );

    const transport =
      "Interest was expressed in attracting Japanese investment, technologies, and expert support for projects to develop high-speed railways and highways, digitalize transport corridors, and construct airports and logistics centers.";
    expect(find(transport).map((c) => [c.title, c.area])).toEqual([
      ["Develop high-speed railways and highways", "transport"],
      ["Digitalize transport corridors", "transport"],
      ["Construct airports and logistics centers", "transport"],
    ]);
  });

  it("splits a named thing coordinated in an item, which shares the item's date and place", () => {
    const text =
      "It was proposed to hold next year in Uzbekistan the first Meeting of Ministers of Education and a Forum of Rectors of leading universities, as well as to adopt a Regional Network Youth Development Program aimed at building long-term ties among youth communities.";
    const found = find(text);
    expectExactOffsets(text, found);
    expect(found.map((c) => [c.title, c.targetDate, c.place])).toEqual([
      ["First Meeting of Ministers of Education", "2026-12-31", "Uzbekistan"],
      ["Forum of Rectors of leading universities", "2026-12-31", "Uzbekistan"],
      ["Regional Network Youth Development Program", null, null],
    ]);
  });

  it("splits at “as well as” even where the forms differ", () => {
    const text = "It was proposed to establish a Digital Hub, as well as the creation of a Youth Council.";
    expect(find(text).map((c) => c.quote)).toEqual(["It was proposed to establish a Digital Hub", "the creation of a Youth Council"]);
  });

  it("does not split purpose clauses of one proposal", () => {
    const text =
      "The relevance of establishing an Expert Forum, with participation from leading analytical institutions, to develop new ideas and proposals, and to form a comprehensive cooperation agenda was noted.";
    expect(one(text)).toMatchObject({ quote: text, title: "Expert Forum", area: "strategy", start: 0, end: text.length });
  });

  it("leaves a trailing passive cue out of the last item", () => {
    const text =
      "Japan’s initiative to establish a new permanent mechanism in the field of justice and law, and to organize the first meeting of ministers of justice in Tokyo next year, was supported.";
    const found = find(text);
    expectExactOffsets(text, found);
    expect(found.map((c) => c.quote)).toEqual([
      "Japan’s initiative to establish a new permanent mechanism in the field of justice and law",
      "to organize the first meeting of ministers of justice in Tokyo next year",
    ]);
    expect(found.map((c) => [c.party, c.area, c.place, c.targetDate])).toEqual([
      ["JP", "justice", null, null],
      ["JP", "justice", "Tokyo", "2026-12-31"],
    ]);
  });
});

describe("English party, participants, dates, places and areas", () => {
  it("credits the speaker, carried through later paragraphs until another is named", () => {
    const text = [
      "Turning to the agenda, the President of Uzbekistan presented his vision.",
      "First, it was proposed to hold summits once every two years.",
      "Japan’s initiative to establish a mechanism on justice was supported.",
      "The Head of State advocated developing a Cooperation Strategy.",
      "The President of Kazakhstan proposed to open a research centre in Almaty.",
      "Other leaders also addressed the summit. It was proposed to host a forum of rectors.",
    ].join("\n\n");
    expect(find(text).map((c) => c.party)).toEqual(["UZ", "JP", "UZ", "KZ", null]);
  });

  it("involves the event's countries unless the sentence names two or more as actors", () => {
    expect(one("It was proposed to hold summits once every two years.").countries).toEqual(["JP", "KZ", "KG", "TJ", "TM", "UZ"]);
    expect(one("Readiness was expressed to host one of the meetings in Uzbekistan.").countries).toHaveLength(6);
    expect(one("Uzbekistan and Kazakhstan proposed to build a railway to Japan.").countries).toEqual(["JP", "KZ", "UZ"]);
    expect(findCandidates("It was proposed to hold a summit.", { lang: "en", countries: ["JP", "UZ"] })[0].countries).toEqual(["JP", "UZ"]);
  });

  it.each([
    ["It was proposed to hold the forum next year.", EVENT, "2026-12-31"],
    ["It was proposed to hold the forum this year.", EVENT, "2025-12-31"],
    ["It was proposed to hold the forum in 2027.", EVENT, "2027-12-31"],
    ["It was proposed to build the road by 2030.", EVENT, "2030-12-31"],
    ["It was proposed to open the centre by the end of 2026.", EVENT, "2026-12-31"],
    ["It was proposed to open the centre by June 2027.", EVENT, "2027-06-30"],
    ["It was proposed to build the plants within the next five years.", EVENT, "2030-12-31"],
    ["It was proposed to hold the forum next year.", "2027-03-01", "2028-12-31"],
    ["It was proposed to hold the forum next year.", null, null],
    ["It was proposed to hold the forum in 2027.", null, "2027-12-31"],
    ["It was proposed to hold summits once every two years.", EVENT, null],
  ])("%s (event %s) → %s", (sentence, eventDate, targetDate) => {
    expect(one(sentence, eventDate).targetDate).toBe(targetDate);
  });

  it.each([
    ["It was proposed to establish a Regional Training Center for Renewable Energy Specialists in Tashkent.", "Tashkent"],
    ["It was proposed to open an office in Nur-Sultan.", "Astana"],
    ["At the summit in Tokyo, it was proposed to establish an investment fund.", null],
    ["It was proposed to hold the next summit in Kazakhstan.", "Kazakhstan"],
    ["It was proposed to establish an investment fund.", null],
  ])("%s → place %s", (sentence, place) => {
    expect(one(sentence).place).toBe(place);
  });

  it.each([
    ["It was proposed to hold summits at the heads-of-state level once every two years.", "institutional"],
    ["The Head of State advocated developing a “Central Asia – Japan 2040” Cooperation Strategy.", "strategy"],
    ["It was proposed to establish an Investment Fund for industry.", "finance"],
    ["It was proposed to establish a Digital Hub for artificial intelligence and cybersecurity.", "digital"],
    ["It was proposed to construct airports and logistics centers.", "transport"],
    ["It was proposed to establish a Training Center for Renewable Energy Specialists.", "energy"],
    ["It was proposed to launch a joint Program to improve air quality.", "environment"],
    ["It was proposed to implement a joint program to enhance seismic resilience.", "disaster"],
    ["It was proposed to hold a Forum of Rectors of leading universities.", "education"],
    ["It was proposed to establish a permanent mechanism in the field of justice and law.", "justice"],
    ["The leaders share the aspiration to see Afghanistan peaceful and stable, for regional security.", "security"],
  ])("%s → %s", (sentence, area) => {
    expect(one(sentence).area).toBe(area);
  });

  it("takes the area from the paragraph when the sentence has no keyword of its own", () => {
    const text =
      "The relevance of establishing an Expert Forum of analytical institutions was noted. It was proposed to hold its first meeting next year in Tashkent.";
    expect(find(text).map((c) => c.area)).toEqual(["strategy", "strategy"]);
  });

  it("suggests short titles: a name by itself, a plain object with its verb", () => {
    expect(one("It was proposed to hold summits at the heads-of-state level once every two years, which would provide impetus.").title).toBe(
      "Hold summits at the heads-of-state level once every two years",
    );
    expect(one("The President advocated the establishment of a “Central Asia – Japan” Digital Hub – a multilateral cooperation platform.").title).toBe(
      "“Central Asia – Japan” Digital Hub",
    );
  });
});

// The "new event" form (issue 15), shared by the browser and the server.
import { z } from "zod";
import { zodMessage } from "~/i18n/message";
import { choice, day, text } from "~/lib/schema-fields";
import { COUNTRIES, DATE_PRECISIONS, EVENT_KINDS } from "~/modules/proposals/vocabulary";

export const eventSchema = z.object({
  name: text("field.eventName", 200),
  kind: choice(EVENT_KINDS, "v.chooseEventKind"),
  date: day("field.eventDate"),
  datePrecision: choice(DATE_PRECISIONS, "v.chooseDatePrecision").default("day"),
  place: text("field.eventPlace", 200, { required: false }),
  countries: z.array(choice(COUNTRIES, "v.chooseCountries"), { error: zodMessage("v.chooseCountries") }).min(1, { error: zodMessage("v.chooseCountries") }),
  description: text("field.eventDescription", 4000, { required: false, multiline: true }),
  sourceDocument: text("field.eventSource", 500, { required: false }),
});
export type EventFields = z.infer<typeof eventSchema>;

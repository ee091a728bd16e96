// What a person reads: a Message from an answer's JSON, rendered in English for assertions.
import { isMessage } from "~/i18n/message";
import { render } from "~/i18n/translate";

export function words(message: unknown): string {
  if (Array.isArray(message)) return message.map(words).join(" ");
  if (!isMessage(message)) throw new Error(`not a message: ${JSON.stringify(message)}`);
  return render("en", message);
}

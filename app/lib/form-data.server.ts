import { msg } from "~/i18n/message";
import { answer } from "./http.server";

/**
 * The submitted form, or a 400 with words when the body cannot be read as one (cut-off or
 * malformed multipart, a broken encoding). server.js has already refused bodies that are not
 * forms at all (415).
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw answer(400, msg("error.formUnreadable"));
  }
}

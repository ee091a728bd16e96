import { json } from "@remix-run/node";

/**
 * The submitted form, or a 400 with words when the body cannot be read as one (cut-off or
 * malformed multipart, a broken encoding). server.js has already refused bodies that are not
 * forms at all (415).
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw json({ message: "The form could not be read. Reload the page and send it again." }, { status: 400 });
  }
}

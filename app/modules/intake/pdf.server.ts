// PDF: the text layer through PDF.js (unpdf's build for servers). No OCR: a scanned PDF has no
// text layer and is refused as such.
import { extractText, getDocumentProxy, getMeta } from "unpdf";

export type PdfText = { text: string; title?: string } | { encrypted: true };

/** PDF.js names the error it throws when a password is needed. */
const isPasswordError = (error: unknown) => typeof error === "object" && error !== null && (error as { name?: string }).name === "PasswordException";

/** The text of every page, pages separated by a blank line; `encrypted` when it needs a password. Throws when PDF.js cannot read it. */
export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  let pdf;
  try {
    // A copy: PDF.js takes the buffer over (detaches it), and the caller's bytes must stay usable.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, stopAtErrors: false });
  } catch (error) {
    if (isPasswordError(error)) return { encrypted: true };
    throw error;
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    const { info } = await getMeta(pdf).catch(() => ({ info: {} as Record<string, unknown> }));
    const title = typeof info.Title === "string" && info.Title.trim() ? info.Title.trim() : undefined;
    return { text: text.join("\n\n"), ...(title ? { title } : {}) };
  } finally {
    await pdf.destroy();
  }
}

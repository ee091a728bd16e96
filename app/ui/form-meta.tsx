// The hidden fields every form of the protocol carries: which form it is (its answer comes back
// to it alone, and its button knows it is posting) and, for a form that writes once, the page's
// token (app/lib/submissions.server.ts).
import { FORM_TOKEN_FIELD } from "~/lib/forms";

export function FormMeta({ formId, token, intent }: { formId: string; token?: string; intent?: string }) {
  return (
    <>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <input type="hidden" name="formId" value={formId} />
      {token ? <input type="hidden" name={FORM_TOKEN_FIELD} value={token} /> : null}
    </>
  );
}

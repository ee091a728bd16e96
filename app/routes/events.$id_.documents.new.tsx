import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { RuleError } from "~/lib/errors";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useAppForm } from "~/lib/forms";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { getEvent } from "~/modules/events/queries.server";
import { addDocumentForReview } from "~/modules/intake/review.server";
import { megabytes, uploadSchema } from "~/modules/intake/schemas";
import { DOCUMENT_LANGUAGES } from "~/modules/proposals/vocabulary";
import { requireRole } from "~/modules/users/session.server";
import { FieldError, FormErrors, SelectField, TextArea, TextField } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { PageHeader } from "~/ui/page-header";

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, msg("intake.addTitle"), data?.event.name);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "analyst");
  const id = requireId(params.id, msg("what.event"));
  const event = await getEvent(id).catch(rethrowAsResponse);
  return json({ event: { id: event.id, name: event.name } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "analyst");
  const id = requireId(params.id, msg("what.event"));
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  return submitForm(request, await readAuthorisedForm(request), {
    formId: "upload",
    schema: uploadSchema,
    write: async (v) => {
      const bytes = v.file ? new Uint8Array(await v.file.arrayBuffer()) : new TextEncoder().encode(v.pasted);
      const read = await addDocumentForReview(
        actor,
        id,
        {
          bytes,
          fileName: v.file?.name ?? "",
          declaredType: v.file?.type,
          title: v.title,
          language: v.language === "auto" ? undefined : v.language,
        },
        ctx,
      );
      // A file the intake cannot read: the reason next to the field it came from, nothing stored.
      if ("refusal" in read) {
        const key = `intake.refusal.${read.refusal.error}` as const;
        throw new RuleError(msg(key, { size: megabytes(bytes.byteLength) }), { status: 400, field: v.file ? "file" : "pasted" });
      }
      return read;
    },
    done: (r) => ({ redirectTo: `/events/${id}/documents/${r.documentId}`, flash: msg("flash.documentAdded", { count: r.candidates }) }),
  });
}

export default function AddDocument() {
  const { event } = useLoaderData<typeof loader>();
  const t = useT();
  const { form, fields, posting } = useAppForm({ id: "upload", schema: uploadSchema, defaultValue: { language: "auto" } });
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to="/events">{t("events.title")}</Link> · <Link to={`/events/${event.id}`}>{event.name}</Link>
          </>
        }
        title={t("intake.addTitle")}
      />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card">
        <FormMeta formId="upload" />
        <FormErrors form={form} />
        <p className="muted">{t("intake.addLead")}</p>
        <div className="field">
          <label htmlFor={fields.file.id}>{t("field.documentFile")}</label>
          <span className="hint" id={fields.file.descriptionId}>
            {t("intake.fileHint")}
          </span>
          <input
            {...getInputProps(fields.file, { type: "file" })}
            accept=".pdf,.docx,.html,.htm,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/html,text/plain"
            aria-describedby={[fields.file.descriptionId, fields.file.errors ? fields.file.errorId : null].filter(Boolean).join(" ")}
          />
          <FieldError id={fields.file.errorId} errors={fields.file.errors} />
        </div>
        <TextArea field={fields.pasted} label={t("field.pasted")} hint={t("intake.pasteHint")} rows={8} />
        <div className="form-grid">
          <TextField field={fields.title} label={t("field.documentTitle")} hint={t("intake.titleHint")} />
          <SelectField
            field={fields.language}
            label={t("field.documentLanguage")}
            options={[["auto", t("intake.languageAuto")], ...DOCUMENT_LANGUAGES.map((l): [string, string] => [l, t(`docLanguage.${l}`)])]}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={posting}>
            {posting ? t("intake.reading") : t("intake.read")}
          </button>
          <Link to={`/events/${event.id}`} className="button secondary">
            {t("form.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}

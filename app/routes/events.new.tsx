import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useAppForm } from "~/lib/forms";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { dayToDate } from "~/modules/proposals/text";
import { eventSchema } from "~/modules/events/schemas";
import { createEvent } from "~/modules/events/service.server";
import { COUNTRIES, DATE_PRECISIONS, EVENT_KINDS } from "~/modules/proposals/vocabulary";
import { requireRole } from "~/modules/users/session.server";
import { CountriesField, FormErrors, SelectField, TextArea, TextField } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { PageHeader } from "~/ui/page-header";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("event.newTitle"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "analyst");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "analyst");
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  return submitForm(request, await readAuthorisedForm(request), {
    formId: "event-form",
    schema: eventSchema,
    write: (v) => createEvent(actor, { ...v, date: dayToDate(v.date) }, ctx),
    done: (created) => ({ redirectTo: `/events/${created.id}`, flash: msg("flash.eventCreated") }),
    once: { userId: user.id, context: ctx, replay: (first) => ({ redirectTo: `/events/${first.entityId}`, flash: msg("flash.alreadySaved") }) },
  });
}

export default function NewEvent() {
  const t = useT();
  const { form, fields, posting } = useAppForm({
    id: "event-form",
    schema: eventSchema,
    defaultValue: { kind: "summit", datePrecision: "day", countries: [...COUNTRIES] },
    validate: "onBlur",
  });
  return (
    <>
      <PageHeader eyebrow={<Link to="/events">{t("events.title")}</Link>} title={t("event.newTitle")} />
      <Form method="post" {...getFormProps(form)} className="card">
        <FormMeta formId="event-form" />
        <FormErrors form={form} />
        <TextField field={fields.name} label={t("field.eventName")} />
        <div className="form-grid">
          <SelectField field={fields.kind} label={t("events.col.kind")} options={EVENT_KINDS.map((k) => [k, t(`eventKind.${k}`)])} />
          <TextField field={fields.date} label={t("field.eventDate")} type="date" />
          <SelectField field={fields.datePrecision} label={t("field.datePrecision")} options={DATE_PRECISIONS.map((p) => [p, t(`datePrecision.${p}`)])} />
          <TextField field={fields.place} label={t("field.eventPlace")} />
        </div>
        <CountriesField field={fields.countries} label={t("event.countries")} />
        <TextArea field={fields.description} label={t("field.eventDescription")} rows={3} />
        <TextField field={fields.sourceDocument} label={t("field.eventSource")} hint={t("event.sourceHint")} />
        <div className="actions">
          <button type="submit" className="button" disabled={posting}>
            {posting ? t("form.saving") : t("event.create")}
          </button>
          <Link to="/events" className="button secondary">
            {t("form.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure } from "~/lib/form-errors.server";
import { requestContext } from "~/lib/request-context.server";
import { ROLES } from "~/modules/proposals/vocabulary";
import { changeRoleSchema, createUserSchema, resetPasswordSchema, setActiveSchema } from "~/modules/users/schemas";
import { changeRole, createUser, listUsers, resetPassword, setActive } from "~/modules/users/service.server";
import { requireRole } from "~/modules/users/session.server";
import { FormErrors, SelectField, TextField } from "~/ui/fields";
import { formatDay } from "~/ui/format";
import { readFormData } from "~/lib/form-data.server";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Users · Summit Tracker" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireRole(request, context, "admin");
  return json({ users: await listUsers(), meId: me.id });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await requireRole(request, context, "admin");
  const actor = { id: me.id, name: me.name, role: me.role };
  const ctx = requestContext(context);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");

  async function run<S extends z.ZodType>(schema: S, formId: string, write: (v: z.infer<S>) => Promise<unknown>, done: string) {
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return json({ formId, result: submission.reply() }, { status: 400 });
    try {
      await write(submission.value);
    } catch (error) {
      return formFailure(error, submission, formId);
    }
    return redirectWithFlash(request, "/admin/users", { kind: "success", message: done });
  }

  const target = String(formData.get("userId") ?? "");
  switch (intent) {
    case "create":
      return run(createUserSchema, "create-user", (v) => createUser(actor, v, ctx), "User created.");
    case "role":
      return run(changeRoleSchema, `user-${target}`, (v) => changeRole(actor, v, ctx), "Role changed.");
    case "deactivate":
    case "reactivate":
      return run(setActiveSchema, `user-${target}`, (v) => setActive(actor, { ...v, active: v.intent === "reactivate" }, ctx), intent === "deactivate" ? "User deactivated; their sessions have ended." : "User reactivated.");
    case "reset-password":
      return run(resetPasswordSchema, `pw-${target}`, (v) => resetPassword(actor, v, ctx), "Password reset; the user's sessions have ended.");
    default:
      throw json({ message: "Unknown action." }, { status: 400 });
  }
}

type Result = { formId: string; result: SubmissionResult<string[]> } | undefined;

export default function AdminUsers() {
  const { users, meId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as Result;
  const t = useT();
  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">{t("admin.eyebrow")}</p>
          <h1>{t("admin.title")}</h1>
        </div>
      </div>
      {/* Keyed on the number of users: after a user is created the form starts empty again. */}
      <CreateUser key={users.length} lastResult={data?.formId === "create-user" ? data.result : undefined} />
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t("admin.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.col.name")}</th>
              <th scope="col">{t("admin.col.email")}</th>
              <th scope="col">{t("admin.col.role")}</th>
              <th scope="col">{t("admin.col.state")}</th>
              <th scope="col">{t("admin.col.owns")}</th>
              <th scope="col">{t("admin.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const error = data?.formId === `user-${u.id}` || data?.formId === `pw-${u.id}` ? data.result : null;
              const messages: string[] = error ? Object.values(error.error ?? {}).flat().filter(Boolean).map((m) => t.sentence(String(m))) : [];
              return (
                // Keyed on the version too: after a change the row's forms start afresh.
                <tr key={`${u.id}-${u.version}`} className={u.active ? undefined : "inactive"}>
                  <td>
                    {u.name}
                    {u.id === meId ? <span className="tag">{t("admin.you")}</span> : null}
                    <div className="muted">{t("admin.since", { date: formatDay(u.createdAt) })}</div>
                  </td>
                  <td>{u.email}</td>
                  <td>
                    <Form method="post" className="actions" aria-label={t("admin.changeRoleOf", { email: u.email })}>
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="version" value={u.version} />
                      <label className="sr-only" htmlFor={`role-${u.id}`}>
                        {t("admin.roleOf", { email: u.email })}
                      </label>
                      <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}` as MessageKey)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button small secondary">
                        {t("admin.changeRole")}
                      </button>
                    </Form>
                  </td>
                  <td>
                    {u.active ? t("admin.active") : t("admin.deactivated")}
                    <div className="muted">{u._count.sessions === 1 ? t("admin.sessions.one") : t("admin.sessions.other", { count: u._count.sessions })}</div>
                  </td>
                  <td>{u._count.ownedProposals}</td>
                  <td>
                    {messages.length ? (
                      <p className="field-error" role="alert">
                        {messages.join(" ")}
                      </p>
                    ) : null}
                    <Form method="post" aria-label={`${u.active ? t("admin.deactivate") : t("admin.reactivate")} ${u.email}`}>
                      <input type="hidden" name="intent" value={u.active ? "deactivate" : "reactivate"} />
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="version" value={u.version} />
                      <button type="submit" className={`button small${u.active ? " danger" : ""}`}>
                        {u.active ? t("admin.deactivate") : t("admin.reactivate")}
                      </button>
                    </Form>
                    <details className="inline-form" open={data?.formId === `pw-${u.id}`}>
                      <summary>{t("admin.resetPassword")}</summary>
                      <Form method="post" aria-label={t("admin.resetPasswordOf", { email: u.email })}>
                        <input type="hidden" name="intent" value="reset-password" />
                        <input type="hidden" name="userId" value={u.id} />
                        <input type="hidden" name="version" value={u.version} />
                        <div className="field">
                          <label htmlFor={`pw-${u.id}`}>{t("admin.newPasswordFor", { email: u.email })}</label>
                          <input id={`pw-${u.id}`} name="password" type="password" autoComplete="new-password" minLength={10} required />
                        </div>
                        <button type="submit" className="button small">
                          {t("admin.setPassword")}
                        </button>
                      </Form>
                    </details>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CreateUser({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "create-user",
    lastResult,
    defaultValue: { role: "analyst" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createUserSchema }),
    // As in the proposal form: once a field has an error, it is rechecked as the user types.
    // With on-blur revalidation, the blur caused by clicking "Create user" swallowed that submit.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const t = useT();
  return (
    <details className="card" open={Boolean(lastResult)}>
      <summary>
        <strong>{t("admin.create")}</strong>
      </summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <FormErrors form={form} />
        <div className="form-grid">
          <TextField field={fields.name} label={t("admin.col.name")} />
          <TextField field={fields.email} label={t("admin.col.email")} type="email" />
          <SelectField field={fields.role} label={t("admin.col.role")} options={ROLES.map((r) => [r, t(`role.${r}` as MessageKey)])} />
          <TextField field={fields.password} label={t("admin.initialPassword")} type="password" hint={t("admin.initialPasswordHint")} />
        </div>
        <button type="submit" className="button">
          {t("admin.createButton")}
        </button>
      </Form>
    </details>
  );
}

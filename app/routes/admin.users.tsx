import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { msg, type Message } from "~/i18n/message";
import { intentOf, readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useAppForm, type ActionResult } from "~/lib/forms";
import { requestContext } from "~/lib/request-context.server";
import { newFormToken } from "~/lib/submissions.server";
import { ROLES } from "~/modules/users/roles";
import { changeRoleSchema, createUserSchema, resetPasswordSchema, setActiveSchema } from "~/modules/users/schemas";
import { changeRole, createUser, listUsers, resetPassword, setActive } from "~/modules/users/service.server";
import { requireRole } from "~/modules/users/session.server";
import { FormErrors, SelectField, TextField } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { formatDay } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("nav.users"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireRole(request, context, "admin");
  return json({ users: await listUsers(), meId: me.id, formToken: newFormToken() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await requireRole(request, context, "admin");
  const actor = { id: me.id, name: me.name, role: me.role };
  const ctx = requestContext(context);
  const formData = await readAuthorisedForm(request);
  const target = String(formData.get("userId") ?? "").slice(0, 64);
  const done = (flash: Message) => () => ({ redirectTo: "/admin/users", flash });
  switch (intentOf(formData, ["create", "role", "deactivate", "reactivate", "reset-password"])) {
    case "create":
      return submitForm(request, formData, {
        formId: "create-user",
        schema: createUserSchema,
        hideFields: ["password"],
        write: (v) => createUser(actor, v, ctx),
        done: done(msg("flash.userCreated")),
        once: { userId: me.id, context: ctx, replay: done(msg("flash.alreadySaved")) },
      });
    case "role":
      return submitForm(request, formData, {
        formId: `user-${target}`,
        schema: changeRoleSchema,
        write: (v) => changeRole(actor, v, ctx),
        done: done(msg("flash.roleChanged")),
      });
    case "deactivate":
    case "reactivate":
      return submitForm(request, formData, {
        formId: `user-${target}`,
        schema: setActiveSchema,
        write: (v) => setActive(actor, { ...v, active: v.intent === "reactivate" }, ctx),
        done: (_, v) => ({ redirectTo: "/admin/users", flash: msg(v.intent === "deactivate" ? "flash.userDeactivated" : "flash.userReactivated") }),
      });
    case "reset-password":
      return submitForm(request, formData, {
        formId: `pw-${target}`,
        schema: resetPasswordSchema,
        hideFields: ["password"],
        write: (v) => resetPassword(actor, v, ctx),
        done: done(msg("flash.passwordReset")),
      });
  }
}

export default function AdminUsers() {
  const { users, meId, formToken } = useLoaderData<typeof loader>();
  const data = useActionData<ActionResult>();
  const t = useT();
  return (
    <>
      <PageHeader eyebrow={t("admin.eyebrow")} title={t("admin.title")} />
      {/* Keyed on the number of users: after a user is created the form starts empty again. */}
      <CreateUser key={users.length} token={formToken} />
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
              const messages = Object.values(error?.error ?? {})
                .flatMap((m) => m ?? [])
                .map(t.message);
              return (
                // Keyed on the version too: after a change the row's forms start afresh.
                <tr key={`${u.id}-${u.version}`} className={u.active ? undefined : "inactive"}>
                  <td>
                    {u.name}
                    {u.id === meId ? <span className="tag">{t("admin.you")}</span> : null}
                    <div className="muted">{t("admin.since", { date: formatDay(u.createdAt, t.locale) })}</div>
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
                            {t(`role.${r}`)}
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
                    <div className="muted">{t("admin.sessions", { count: u._count.sessions })}</div>
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

function CreateUser({ token }: { token: string }) {
  const { form, fields, answer, posting } = useAppForm({
    id: "create-user",
    schema: createUserSchema,
    defaultValue: { role: "analyst" },
    validate: "onBlur",
    resetOnSuccess: true,
  });
  const t = useT();
  return (
    <details className="card" open={Boolean(answer)}>
      <summary>
        <strong>{t("admin.create")}</strong>
      </summary>
      <Form method="post" {...getFormProps(form)}>
        <FormMeta formId="create-user" token={token} intent="create" />
        <FormErrors form={form} />
        <div className="form-grid">
          <TextField field={fields.name} label={t("admin.col.name")} />
          <TextField field={fields.email} label={t("admin.col.email")} type="email" />
          <SelectField field={fields.role} label={t("admin.col.role")} options={ROLES.map((r) => [r, t(`role.${r}`)])} />
          <TextField field={fields.password} label={t("admin.initialPassword")} type="password" hint={t("admin.initialPasswordHint")} />
        </div>
        <button type="submit" className="button" disabled={posting}>
          {t("admin.createButton")}
        </button>
      </Form>
    </details>
  );
}

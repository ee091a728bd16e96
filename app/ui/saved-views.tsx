// The list's "Saved views" menu (issue 12 item 9): a <details> of links, so it opens and works
// without JavaScript. It lists the shared views and the reader's private ones, each deletable by
// its owner (and a shared one by a manager), and saves the list's current filters and sort.
import { Form, Link } from "@remix-run/react";
import { getFormProps, getInputProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { useAppForm, useFormResult, usePosting } from "~/lib/forms";
import { saveViewSchema } from "~/modules/views/schemas";
import { FieldError, FormErrors, TextField } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";

export type SavedView = { id: string; name: string; query: string; shared: boolean; ownerId: string; ownerName: string };

type MenuProps = { views: SavedView[]; userId: string; isManager: boolean; search: string; currentQuery: string; token: string };

export function SavedViewsMenu({ views, userId, isManager, search, currentQuery, token }: MenuProps) {
  const t = useT();
  const saved = useFormResult("save-view");
  const deleted = useFormResult("views");
  const shared = views.filter((v) => v.shared);
  const mine = views.filter((v) => !v.shared);
  const deleteErrors = Object.values(deleted?.result.error ?? {}).flatMap((m) => m ?? []);
  const group = (title: string, list: SavedView[], empty: string) => (
    <div className="views-group">
      <h3>{title}</h3>
      {list.length ? (
        <ul>
          {list.map((v) => (
            <li key={v.id}>
              <Link to={v.query ? `/proposals?${v.query}` : "/proposals"} aria-current={v.query === currentQuery ? "page" : undefined}>
                {v.name}
              </Link>
              {v.shared && v.ownerId !== userId ? <span className="muted"> · {t("views.by", { name: v.ownerName })}</span> : null}
              {v.ownerId === userId || (v.shared && isManager) ? <DeleteView view={v} token={token} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </div>
  );
  return (
    // Opened for an answer (an error, kept in view); otherwise left as the reader left it.
    <details className="views-menu" open={saved || deleted ? true : undefined}>
      <summary>{t("views.menu", { count: views.length })}</summary>
      <div className="views-panel">
        <FieldError id="views-error" errors={deleteErrors} alert />
        {group(t("views.shared"), shared, t("views.noneShared"))}
        {group(t("views.private"), mine, t("views.nonePrivate"))}
        <SaveView search={search} token={token} />
      </div>
    </details>
  );
}

function DeleteView({ view, token }: { view: SavedView; token: string }) {
  const t = useT();
  const posting = usePosting("views");
  return (
    <Form method="post" className="inline-delete">
      <FormMeta formId="views" token={token} intent="delete-view" />
      <input type="hidden" name="viewId" value={view.id} />
      <button type="submit" className="text-button" disabled={posting} aria-label={t("views.deleteNamed", { name: view.name })}>
        {t("views.delete")}
      </button>
    </Form>
  );
}

function SaveView({ search, token }: { search: string; token: string }) {
  const t = useT();
  const { form, fields, posting } = useAppForm({ id: "save-view", schema: saveViewSchema, resetOnSuccess: true });
  const query = search.startsWith("?") ? search.slice(1) : search;
  return (
    <Form method="post" {...getFormProps(form)} className="save-view" aria-labelledby="save-view-heading">
      <h3 id="save-view-heading">{t("views.save")}</h3>
      <FormMeta formId="save-view" token={token} intent="save-view" />
      <input type="hidden" name="query" value={query} />
      <FormErrors form={form} />
      <TextField field={fields.name} label={t("views.name")} />
      <div className="field check">
        <label htmlFor={fields.shared.id}>
          <input {...getInputProps(fields.shared, { type: "checkbox" })} /> {t("views.shareWithEveryone")}
        </label>
      </div>
      <button type="submit" className="button small" disabled={posting}>
        {t("views.saveButton")}
      </button>
    </Form>
  );
}

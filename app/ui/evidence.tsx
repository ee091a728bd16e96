// Evidence on a page (issue 16): the fields of a new item (a link or a file), and a list of items
// with what each is, where it is attached, and its download or link.
import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import { useT } from "~/i18n";
import type { FormErrors as Errors } from "~/lib/forms";
import { FieldError, TextField } from "./fields";
import { formatDay } from "./format";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fields of any schema that embeds the evidence fields
type F = FieldMetadata<any, any, Errors>;

export const EVIDENCE_ACCEPT =
  ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,image/png,image/jpeg";

/** A new item: a link (address, title, publisher, date) or a file; the form's own fields around it. */
export function EvidenceFields({ fields, legend }: { fields: { evidenceTitle: F; url: F; publisher: F; publishedOn: F; file: F }; legend: string }) {
  const t = useT();
  const file = fields.file;
  return (
    <fieldset className="evidence-fields">
      <legend className="label">{legend}</legend>
      <p className="hint">{t("evidence.fieldsHint")}</p>
      <TextField field={fields.url} label={t("field.url")} hint={t("evidence.urlHint")} />
      <div className="field">
        <label htmlFor={file.id}>{t("field.evidenceFile")}</label>
        <span className="hint" id={file.descriptionId}>
          {t("evidence.fileHint")}
        </span>
        <input
          {...getInputProps(file, { type: "file" })}
          accept={EVIDENCE_ACCEPT}
          aria-describedby={[file.descriptionId, file.errors ? file.errorId : null].filter(Boolean).join(" ")}
        />
        <FieldError id={file.errorId} errors={file.errors} />
      </div>
      <TextField field={fields.evidenceTitle} label={t("field.evidenceTitle")} hint={t("evidence.titleHint")} />
      <div className="form-grid">
        <TextField field={fields.publisher} label={t("field.publisher")} />
        <TextField field={fields.publishedOn} label={t("field.publishedOn")} type="date" />
      </div>
    </fieldset>
  );
}

export type EvidenceView = {
  id: string;
  kind: "link" | "file";
  title: string;
  url: string;
  publisher: string;
  publishedOn: string | null;
  fileName: string;
  byteSize: number | null;
  sha256: string | null;
  milestone?: { title: string } | null;
  update?: { createdAt: string } | null;
};

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** One item: its title as the link or download, then publisher, date, what it is attached to. */
export function EvidenceLine({ item, showAttachment = true }: { item: EvidenceView; showAttachment?: boolean }) {
  const t = useT();
  const details = [
    item.publisher,
    item.publishedOn ? formatDay(item.publishedOn, t.locale) : "",
    item.kind === "file" ? `${item.fileName}${item.byteSize ? `, ${size(item.byteSize)}` : ""}` : hostOf(item.url),
  ].filter(Boolean);
  return (
    <>
      {item.kind === "file" ? (
        <a href={`/evidence/${item.id}/file`} download>
          {item.title}
        </a>
      ) : (
        <a href={item.url} rel="noopener noreferrer nofollow" target="_blank">
          {item.title}
        </a>
      )}{" "}
      <span className="badge">{t(item.kind === "file" ? "evidence.kind.file" : "evidence.kind.link")}</span>
      <span className="muted"> · {details.join(" · ")}</span>
      {showAttachment && item.milestone ? <span className="muted"> · {t("evidence.onMilestone", { title: item.milestone.title })}</span> : null}
      {showAttachment && item.update ? <span className="muted"> · {t("evidence.onUpdate", { date: formatDay(item.update.createdAt, t.locale) })}</span> : null}
      {item.sha256 ? (
        <span className="hash muted" title={`SHA-256 ${item.sha256}`}>
          {" "}
          · SHA-256 {item.sha256.slice(0, 12)}…
        </span>
      ) : null}
    </>
  );
}

export function EvidenceList({ items, empty }: { items: readonly EvidenceView[]; empty: string }) {
  if (!items.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="evidence-list">
      {items.map((item) => (
        <li key={item.id}>
          <EvidenceLine item={item} />
        </li>
      ))}
    </ul>
  );
}

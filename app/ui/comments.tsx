// A proposal's comments (issue 12 item 8, docs/decisions/017-comments.md): the conversation,
// newest last, with who wrote each, when (in the reader's time), whether it was edited and whom
// it mentions; the form to add one, and the author's edit form while the window is open. The
// forms post to the proposal page's action (intents add-comment, edit-comment).
//
// Mentions are the ids of a plain <select multiple>, so they work without JavaScript. With it,
// typing "@" and a few letters in the comment offers the matching people in a list (arrow keys,
// Enter or Tab to choose, Escape to close); choosing one writes "@Name" into the text and selects
// that person in the select, which stays the one record of who is mentioned.
import { Form } from "@remix-run/react";
import { getFormProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { useT } from "~/i18n";
import { useAppForm, type FormErrors as Errors } from "~/lib/forms";
import { COMMENT_EDIT_MINUTES, mayEditComment } from "~/modules/comments/rules";
import { addCommentSchema, editCommentSchema } from "~/modules/comments/schemas";
import type { Role } from "~/modules/users/roles";
import { ConflictNote } from "./conflict-note";
import { FieldError, FormErrors } from "./fields";
import { FormMeta } from "./form-meta";
import { formatUtc } from "./format";
import { LocalTime } from "./local-time";

type Person = { id: string; name: string };
export type CommentRow = {
  id: string;
  body: string;
  version: number;
  createdAt: string;
  editedAt: string | null;
  authorId: string;
  author: { name: string };
  mentions: Person[];
};

export function Comments(props: { comments: CommentRow[]; people: Person[]; me: { id: string; role: Role }; canComment: boolean; now: Date; token: string }) {
  const { comments, people, me, canComment, now, token } = props;
  const t = useT();
  return (
    <section className="card comments" aria-labelledby="comments-h">
      <h2 id="comments-h">{t("comments.title")}</h2>
      {comments.length === 0 ? (
        <p className="empty">{t("comments.none")}</p>
      ) : (
        <ol className="comment-list" aria-label={t("comments.count", { count: comments.length })}>
          {comments.map((c) => (
            <CommentItem key={c.id} comment={c} people={people} me={me} now={now} token={token} />
          ))}
        </ol>
      )}
      {canComment ? <AddCommentForm people={people} token={token} /> : <p className="muted">{t("comments.readOnly")}</p>}
    </section>
  );
}

function CommentItem({
  comment: c,
  people,
  me,
  now,
  token,
}: {
  comment: CommentRow;
  people: Person[];
  me: { id: string; role: Role };
  now: Date;
  token: string;
}) {
  const t = useT();
  return (
    <li id={`comment-${c.id}`} className="comment">
      <div className="comment-head">
        <strong>{c.author.name}</strong> <LocalTime iso={c.createdAt} />
        {c.editedAt ? (
          <span className="comment-edited" title={t("comments.editedAt", { time: formatUtc(c.editedAt) })}>
            ({t("comments.edited")})
          </span>
        ) : null}
      </div>
      <p className="comment-body">
        <Highlighted body={c.body} names={c.mentions.map((m) => m.name)} />
      </p>
      {c.mentions.length ? (
        <p className="comment-mentions">
          <span className="muted">{t("comments.mentioned")}</span>{" "}
          {c.mentions.map((m) => (
            <mark key={m.id} className={m.id === me.id ? "mention mention-me" : "mention"}>
              @{m.name}
            </mark>
          ))}
        </p>
      ) : null}
      <EditCommentForm comment={c} people={people} editable={mayEditComment(me, c, now)} token={token} />
    </li>
  );
}

/** The body as written, each "@Name" of a mentioned person marked (React escapes the text). */
function Highlighted({ body, names }: { body: string; names: string[] }) {
  if (!names.length) return <>{body}</>;
  const pattern = new RegExp(
    `@(?:${[...names]
      .sort((a, b) => b.length - a.length)
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("|")})`,
    "g",
  );
  const parts: (string | JSX.Element)[] = [];
  let at = 0;
  for (const m of body.matchAll(pattern)) {
    parts.push(body.slice(at, m.index));
    parts.push(
      <mark key={m.index} className="mention">
        {m[0]}
      </mark>,
    );
    at = m.index + m[0].length;
  }
  parts.push(body.slice(at));
  return <>{parts}</>;
}

function AddCommentForm({ people, token }: { people: Person[]; token: string }) {
  const { form, fields, posting } = useAppForm({ id: "add-comment", schema: addCommentSchema, resetOnSuccess: true });
  const t = useT();
  return (
    <Form method="post" {...getFormProps(form)} className="comment-form">
      <FormMeta formId="add-comment" token={token} intent="add-comment" />
      <FormErrors form={form} />
      <CommentFields body={fields.body} mentions={fields.mentions} people={people} label={t("comments.new")} />
      <button type="submit" className="button small" disabled={posting}>
        {t("comments.post")}
      </button>
    </Form>
  );
}

/**
 * The author's edit form, while the window is open. After a refused or conflicting save it stays
 * drawn (the window may have closed meanwhile), with the message and the text as typed.
 */
function EditCommentForm({ comment: c, people, editable, token }: { comment: CommentRow; people: Person[]; editable: boolean; token: string }) {
  const formId = `comment-${c.id}-edit`;
  const { form, fields, answer, posting } = useAppForm({
    id: formId,
    schema: editCommentSchema,
    defaultValue: { body: c.body, mentions: c.mentions.map((m) => m.id) },
  });
  const t = useT();
  if (!editable && !answer) return null;
  return (
    <details className="inline-form" open={Boolean(answer)}>
      <summary>{t("comments.edit", { minutes: COMMENT_EDIT_MINUTES })}</summary>
      <Form method="post" {...getFormProps(form)}>
        <FormMeta formId={formId} token={token} intent="edit-comment" />
        <input type="hidden" name="commentId" value={c.id} />
        <input type="hidden" name="version" value={c.version} />
        <FormErrors form={form} />
        {answer?.conflict ? <ConflictNote conflict={answer.conflict} /> : null}
        <CommentFields body={fields.body} mentions={fields.mentions} people={people} label={t("field.comment")} />
        <button type="submit" className="button small" disabled={posting}>
          {t("comments.save")}
        </button>
      </Form>
    </details>
  );
}

const subscribeNever = () => () => {};
/** False on the server and during hydration, true once the browser runs the page's scripts. */
const useEnhanced = () =>
  useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );

/** Folds case and accents, so "@aig" finds "Aigerim" and "@ozg" finds "Özgür". */
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
/** The "@letters" being typed just before the caret, if any. */
const MENTION_BEFORE_CARET = /(^|\s)@([^\s@]{0,40})$/u;
const MAX_SUGGESTIONS = 8;

function CommentFields(props: {
  body: FieldMetadata<string, Record<string, unknown>, Errors>;
  mentions: FieldMetadata<string[] | undefined, Record<string, unknown>, Errors>;
  people: Person[];
  label: string;
}) {
  const { body, mentions, people, label } = props;
  const t = useT();
  const enhanced = useEnhanced();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const listId = useId();
  // The "@query" being typed: where its "@" stands, and the people it matches.
  const [typing, setTyping] = useState<{ at: number; matches: Person[] } | null>(null);
  const [active, setActive] = useState(0);

  const look = () => {
    const el = textarea.current;
    if (!el || el.selectionStart !== el.selectionEnd) return setTyping(null);
    const found = MENTION_BEFORE_CARET.exec(el.value.slice(0, el.selectionStart));
    if (!found) return setTyping(null);
    const query = fold(found[2] ?? "");
    const matches = people
      .filter((p) =>
        fold(p.name)
          .split(/\s+/)
          .some((word) => word.startsWith(query)),
      )
      .slice(0, MAX_SUGGESTIONS);
    setTyping({ at: el.selectionStart - (found[2] ?? "").length - 1, matches });
    setActive(0);
  };

  const choose = (person: Person) => {
    const el = textarea.current;
    if (!el || !typing) return;
    const caret = el.selectionStart;
    const inserted = `@${person.name} `;
    el.value = el.value.slice(0, typing.at) + inserted + el.value.slice(caret);
    const after = typing.at + inserted.length;
    el.setSelectionRange(after, after);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    const option = [...(select.current?.options ?? [])].find((o) => o.value === person.id);
    if (option) option.selected = true;
    select.current?.dispatchEvent(new Event("change", { bubbles: true }));
    setTyping(null);
    el.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!typing) return;
    const n = typing.matches.length;
    if (e.key === "Escape") {
      e.preventDefault();
      setTyping(null);
    } else if (n && e.key === "ArrowDown") {
      e.preventDefault();
      setActive((i) => (i + 1) % n);
    } else if (n && e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i - 1 + n) % n);
    } else if (n && (e.key === "Enter" || e.key === "Tab")) {
      e.preventDefault();
      choose(typing.matches[active] ?? typing.matches[0]!);
    }
  };

  const open = enhanced && typing !== null;
  const optionId = (p: Person) => `${listId}-${p.id}`;
  const activePerson = open ? typing.matches[active] : undefined;
  const hintId = `${body.id}-hint`;
  const { key: bodyKey, ...bodyProps } = getTextareaProps(body, { ariaDescribedBy: enhanced ? hintId : undefined });
  const { key: mentionsKey, ...mentionProps } = getSelectProps(mentions, { ariaDescribedBy: `${mentions.id}-hint` });
  return (
    <>
      <div className="field mention-field">
        <label htmlFor={body.id}>{label}</label>
        {enhanced ? (
          <span className="hint" id={hintId}>
            {t("comments.hint")}
          </span>
        ) : null}
        <textarea
          key={bodyKey}
          {...bodyProps}
          ref={textarea}
          rows={3}
          aria-autocomplete={enhanced ? "list" : undefined}
          aria-controls={open ? listId : undefined}
          aria-activedescendant={activePerson ? optionId(activePerson) : undefined}
          onInput={look}
          onClick={look}
          onKeyUp={(e) => {
            if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End") look();
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTyping(null)}
        />
        {open ? (
          typing.matches.length ? (
            <ul className="mention-suggestions" id={listId} role="listbox" aria-label={t("comments.suggestions")}>
              {typing.matches.map((p, i) => (
                // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- the keys are the textarea's, which owns the list
                <li
                  key={p.id}
                  id={optionId(p)}
                  role="option"
                  aria-selected={i === active}
                  // Keeps the focus (and the caret) in the comment while choosing with the pointer;
                  // the keyboard chooses from the comment itself (aria-activedescendant).
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(p)}
                >
                  @{p.name}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mention-suggestions empty" id={listId} role="status">
              {t("comments.noMatch")}
            </p>
          )
        ) : null}
        <FieldError id={body.errorId} errors={body.errors} />
      </div>
      <div className="field">
        <label htmlFor={mentions.id}>{t("comments.mentions")}</label>
        <span className="hint" id={`${mentions.id}-hint`}>
          {t("comments.mentionsHint")}
        </span>
        <select key={mentionsKey} {...mentionProps} multiple ref={select} size={Math.min(Math.max(people.length, 2), 5)}>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <FieldError id={mentions.errorId} errors={mentions.errors} />
      </div>
    </>
  );
}

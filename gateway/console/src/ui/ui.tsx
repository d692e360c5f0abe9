import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { navigate } from '../router';

/** A labelled input with its API error (extensions.field) right under it. */
export function Field(
  props: { label: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>,
) {
  const id = useId();
  const { label, error, hint, ...input } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${id}-note` : undefined}
        {...input}
      />
      {(error || hint) && (
        <p id={`${id}-note`} className={error ? 'field-error' : 'hint'} role={error ? 'alert' : undefined}>
          {error ?? hint}
        </p>
      )}
    </div>
  );
}

export function Errors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="errors" role="alert">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  return (
    <a
      href={to}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function Dialog({
  title,
  children,
  onClose,
  closeLabel,
}: {
  title: string;
  children: ReactNode;
  onClose: () => void;
  closeLabel: string;
}) {
  const id = useId();
  return (
    <div className="backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby={id} className="dialog">
        <h2 id={id}>{title}</h2>
        {children}
        <button type="button" onClick={onClose}>
          {closeLabel}
        </button>
      </div>
    </div>
  );
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('fr-BE') : '';
}

/**
 * A long action's progress with what is known: a full bar and "done / total" once the API answers,
 * the total alone (and a moving bar) while it works.
 */
export function Progress({
  label,
  text,
  done,
  total,
}: {
  label: string;
  text: string;
  done?: number;
  total?: number;
}) {
  const finished = done !== undefined;
  return (
    <div className="progress" role="status">
      <progress
        aria-label={label}
        value={finished ? done : undefined}
        max={finished ? Math.max(total ?? done, 1) : undefined}
      />
      <span>{text}</span>
    </div>
  );
}

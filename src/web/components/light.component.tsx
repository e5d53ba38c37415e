import { type ButtonHTMLAttributes, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isTemporary, problemMessage, shouldShowRequestId } from '../app/problem';

/*
 * Plain elements for the first screen (the shell and the log screen) that look like Mantine's: no
 * Mantine runtime and none of its stylesheet, so a slow phone draws that screen in a fraction of the
 * time. Their classes live in app/light.css, which the entry loads.
 */

type ButtonVariant = 'filled' | 'default' | 'light' | 'subtle';
type ButtonSize = 'sm' | 'md' | 'lg' | 'compact-sm';

export interface LightButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  round?: boolean;
  fullWidth?: boolean;
  loading?: boolean;
  leftSection?: ReactNode;
}

export function LightButton({
  variant = 'filled',
  size = 'md',
  round,
  fullWidth,
  loading,
  leftSection,
  children,
  className,
  type = 'button',
  ...rest
}: LightButtonProps) {
  return (
    <button
      type={type}
      className={className ? `kw-button ${className}` : 'kw-button'}
      data-variant={variant}
      data-size={size}
      data-round={round || undefined}
      data-full={fullWidth || undefined}
      data-loading={loading || undefined}
      aria-busy={loading || undefined}
      {...rest}
      // As Mantine's: a button that is busy takes no second press (a second save of the same form).
      disabled={rest.disabled || loading}
    >
      {loading ? <span className="kw-spinner" aria-hidden="true" /> : leftSection}
      <span className="kw-button-label">{children}</span>
    </button>
  );
}

/** A label (a div with an id when the control is a group), an optional description, the control and its error. */
export function FieldFrame({
  id,
  label,
  description,
  error,
  required,
  labelElement = 'label',
  children,
}: {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  labelElement?: 'label' | 'div';
  children: ReactNode;
}) {
  const Label = labelElement;
  return (
    <div>
      <Label className="kw-field-label" id={`${id}-label`} {...(labelElement === 'label' ? { htmlFor: id } : {})}>
        {label}
        {required && (
          <span className="kw-required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </Label>
      {description && (
        <p className="kw-field-description" id={`${id}-description`}>
          {description}
        </p>
      )}
      {children}
      {error && (
        <p className="kw-field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** What a field of @mantine/form's getInputProps gives, as a plain input takes it. */
interface InputBinding {
  value?: unknown;
  onChange?: unknown;
  onFocus?: unknown;
  onBlur?: unknown;
  error?: ReactNode;
}

function described(id: string, description: unknown, error: unknown) {
  const ids = [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function LightTextField({
  label,
  description,
  binding,
  required,
  textarea,
  inputRef,
  ...rest
}: {
  label: ReactNode;
  description?: ReactNode;
  binding: InputBinding;
  required?: boolean;
  textarea?: boolean;
  inputRef?: (el: HTMLTextAreaElement | null) => void;
  placeholder?: string;
  maxLength?: number;
  rows?: number;
  type?: string;
  max?: string;
  inputMode?: 'decimal' | 'numeric';
  autoComplete?: string;
}) {
  const id = useId();
  const { error, value, onChange, onFocus, onBlur } = binding;
  const props = {
    id,
    className: 'kw-input',
    value: (value ?? '') as string,
    onChange: onChange as never,
    onFocus: onFocus as never,
    onBlur: onBlur as never,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described(id, description, error),
    ...rest,
  };
  return (
    <FieldFrame id={id} label={label} description={description} error={error} required={required}>
      {textarea ? <textarea ref={inputRef} {...props} /> : <input {...props} />}
    </FieldFrame>
  );
}

export function LightAlert({
  color,
  role = 'status',
  onClose,
  closeLabel,
  children,
}: {
  color: 'green' | 'yellow' | 'red' | 'blue';
  role?: 'status' | 'alert';
  onClose?: () => void;
  closeLabel?: string;
  children: ReactNode;
}) {
  return (
    <div className="kw-alert" data-color={color} data-closable={onClose ? true : undefined} role={role}>
      {children}
      {onClose && (
        <button type="button" className="kw-alert-close" aria-label={closeLabel} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}

export function LightSkeleton({ height, width }: { height: number; width?: number | string }) {
  return <div className="kw-skeleton" style={{ height, width, marginBottom: 16 }} />;
}

/** ProblemAlert's words in a plain box: what went wrong with a call; a server fault shows the request id. */
export function LightProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <LightAlert color={isTemporary(error) ? 'yellow' : 'red'} role="alert">
      <p className="kw-p">{problemMessage(t, error)}</p>
      {shouldShowRequestId(error) && (
        <p className="kw-p kw-text-xs kw-dimmed" style={{ marginTop: 4 }}>
          {t('common.requestId', { requestId: error.requestId })}
        </p>
      )}
    </LightAlert>
  );
}

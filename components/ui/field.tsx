import { Slot } from 'radix-ui';
import { type ComponentProps, type ReactElement, type ReactNode, useId } from 'react';
import { cn } from '@/lib/utils/cn';
import { Input } from './input';
import { Label } from './label';

type FieldBaseProps = {
  label: ReactNode;
  /** Help under the control, read by screen readers with it. */
  hint?: ReactNode;
  /** Validation messages (a server action's fieldErrors[name]); they mark the control invalid. */
  errors?: string[];
  /** Right-aligned under the control, e.g. <CharacterCount />. */
  counter?: ReactNode;
  /** `horizontal` puts the control before its label: checkboxes, switches. */
  orientation?: 'vertical' | 'horizontal';
  id?: string;
  className?: string;
};

export type FieldProps = FieldBaseProps &
  (
    | { children: ReactElement }
    | (Omit<ComponentProps<'input'>, 'id' | 'className' | 'children'> & { children?: undefined })
  );

/**
 * A label, one control, its hint and its errors, wired together: the label points at the control,
 * the hint and errors describe it, and errors set aria-invalid. The control is the child (Textarea,
 * NativeSelect, Select, Checkbox, Switch…), or an Input built from the remaining props when there is
 * no child: `<Field label="E-mail" name="email" type="email" errors={…} />`.
 */
export function Field(props: FieldProps) {
  const {
    label,
    hint,
    errors,
    counter,
    orientation = 'vertical',
    id,
    className,
    children,
    ...inputProps
  } = props;
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = `${controlId}-hint`;
  const counterId = `${controlId}-counter`;
  const errorId = `${controlId}-error`;
  const invalid = Boolean(errors?.length);
  const describedBy =
    [hint ? hintId : null, counter ? counterId : null, invalid ? errorId : null].filter(Boolean).join(' ') ||
    undefined;
  const control = (
    <Slot.Root id={controlId} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      {children ?? <Input {...inputProps} />}
    </Slot.Root>
  );
  const labelElement = (
    <Label htmlFor={controlId} className={orientation === 'horizontal' ? 'font-normal' : undefined}>
      {label}
    </Label>
  );
  const help =
    hint || counter ? (
      <div className="flex items-start justify-between gap-3">
        {hint ? (
          <p id={hintId} className="text-xs text-muted-foreground">
            {hint}
          </p>
        ) : (
          <span />
        )}
        {counter ? <div id={counterId}>{counter}</div> : null}
      </div>
    ) : null;
  const error = invalid ? (
    <p id={errorId} className="text-xs text-destructive-text">
      {errors?.join(' ')}
    </p>
  ) : null;
  if (orientation === 'horizontal') {
    // Control, then label; hint and error line up under the label whatever the control's width.
    return (
      <div
        data-slot="field"
        className={cn(
          'grid content-start grid-cols-[auto_1fr] items-center gap-x-2.5 gap-y-1 [&>:nth-child(n+3)]:col-start-2',
          className,
        )}
      >
        {control}
        {labelElement}
        {help}
        {error}
      </div>
    );
  }
  return (
    <div data-slot="field" className={cn('grid content-start gap-1.5', className)}>
      {labelElement}
      {control}
      {help}
      {error}
    </div>
  );
}

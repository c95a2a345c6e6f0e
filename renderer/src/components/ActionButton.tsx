/** A button that runs one call to main: disabled while anything runs, with a spinner while it runs. */
import { Button, CircularProgress, type ButtonProps } from '@mui/material';
import { useUi } from '../store';

export interface ActionButtonProps extends Omit<ButtonProps, 'children'> {
  /** The accessible name and the key `runAction` marks busy. */
  label: string;
}

export function ActionButton({
  label,
  disabled,
  variant = 'contained',
  startIcon,
  ...rest
}: ActionButtonProps) {
  const busy = useUi((s) => s.busy);
  const mine = busy?.action === label;
  return (
    <Button
      variant={variant}
      disabled={disabled || busy !== null}
      aria-busy={mine || undefined}
      startIcon={mine ? <CircularProgress size={16} color="inherit" aria-hidden /> : startIcon}
      {...rest}
    >
      {label}
    </Button>
  );
}

/** Each step's title; it takes the focus when the step opens, so keyboard and screen-reader users land on it. */
import { Typography } from '@mui/material';
import { useEffect, useRef, type ReactNode } from 'react';

export function StepHeading({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <>
      <Typography
        ref={ref}
        id="step-title"
        tabIndex={-1}
        variant="h5"
        component="h2"
        sx={{ fontWeight: 600, outline: 'none', mb: intro ? 0.5 : 2 }}
      >
        {children}
      </Typography>
      {intro && (
        <Typography color="text.secondary" sx={{ mb: 2.5, maxWidth: 760 }}>
          {intro}
        </Typography>
      )}
    </>
  );
}

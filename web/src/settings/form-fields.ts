import type { FormEvent } from 'react';

/** The submitted form's fields; keeps the browser from navigating. */
export function fields(event: FormEvent<HTMLFormElement>): FormData {
  event.preventDefault();
  return new FormData(event.currentTarget);
}

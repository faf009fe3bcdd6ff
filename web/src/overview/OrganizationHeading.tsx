import { useState, type FormEvent } from 'react';
import { ErrorState } from '../ui/Status';
import { useRenameOrganization } from './use-rename-organization';

/** The organization's name; admins may rename it in place. */
export function OrganizationHeading({ name, canRename }: { name: string; canRename: boolean }) {
  const [editing, setEditing] = useState(false);
  const [rename, { loading, error }] = useRenameOrganization();
  if (!editing) {
    return (
      <div className="page-title">
        <h2>{name}</h2>
        {canRename && (
          <button type="button" onClick={() => setEditing(true)}>
            Rename
          </button>
        )}
      </div>
    );
  }
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    const result = await rename(next).catch(() => null);
    if (result?.data) setEditing(false);
  };
  return (
    <form className="inline-form page-title" aria-label="Rename organization" onSubmit={onSubmit}>
      <label>
        Organization name
        <input name="name" defaultValue={name} required maxLength={200} autoFocus />
      </label>
      <button type="submit" disabled={loading}>
        Save
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error && <ErrorState error={error} />}
    </form>
  );
}

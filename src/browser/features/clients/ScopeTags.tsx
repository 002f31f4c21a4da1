import { Tag } from '@digdir/designsystemet-react';

/** A client's scopes as a row of small tags (in the list and in the details). */
export function ScopeTags({ scopes }: { scopes: readonly string[] }) {
  return (
    <ul className="clients-tags">
      {scopes.map((s) => (
        <li key={s}>
          <Tag data-size="sm" data-color="neutral">
            {s}
          </Tag>
        </li>
      ))}
    </ul>
  );
}

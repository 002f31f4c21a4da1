import { useState } from 'react';
import type { ScopeSuggestion } from '../../../common/contract/profiles';
import type { MessageKey } from '../../../common/i18n/translate';
import { useT } from '../../hooks/use-t';
import { useClientsStore } from '../../store/use-clients-store';
import { ScopeSuggestions } from '../profiles/ScopeSuggestions';
import { ValueListField } from '../profiles/ValueListField';
import { scopeProblem } from './scope-check';

/** Scopes as removable chips, an entry row, and the usual scopes of a Maskinporten client one click away. */
export function ScopeListField({
  id,
  label,
  description,
  scopes,
  onChange,
  error,
  testId,
}: {
  id: string;
  label: string;
  description: string;
  scopes: string[];
  onChange(scopes: string[]): void;
  error?: MessageKey;
  testId: string;
}) {
  const t = useT();
  const all = useClientsStore((s) => s.local.value.suggestions);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<MessageKey>();
  // The idporten:dcr.* scopes belong to admin clients, never to the clients they make.
  const suggestions: ScopeSuggestion[] = all.filter((s) => !s.admin && !scopes.includes(s.scope));

  function add(value: string) {
    const scope = value.trim();
    const why = scopeProblem(scope, scopes);
    setProblem(why);
    if (why) return;
    onChange([...scopes, scope]);
    setText('');
  }

  const shown = problem ?? error;
  return (
    <ValueListField
      id={id}
      testId={testId}
      label={label}
      required
      description={description}
      values={scopes}
      text={text}
      onTextChange={(value) => {
        setText(value);
        setProblem(undefined);
      }}
      onAdd={() => add(text)}
      onRemove={(value) => onChange(scopes.filter((s) => s !== value))}
      addLabel={t('clients.scopeAdd')}
      emptyText={t('clients.scopesEmpty')}
      error={shown ? t(shown) : undefined}
    >
      <ScopeSuggestions suggestions={suggestions} onPick={add} />
    </ValueListField>
  );
}

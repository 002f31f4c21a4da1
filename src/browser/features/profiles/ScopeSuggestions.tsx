import { Chip } from '@digdir/designsystemet-react';
import { useId } from 'react';
import type { ScopeSuggestion } from '../../../common/contract/profiles';
import type { MessageKey } from '../../../common/i18n/translate';
import { useT } from '../../hooks/use-t';

const useText: Record<ScopeSuggestion['use'], MessageKey> = {
  'instances-read': 'profiles.scopeUseInstancesRead',
  'instances-write': 'profiles.scopeUseInstancesWrite',
  'self-service-read': 'profiles.scopeUseSelfServiceRead',
  'self-service-write': 'profiles.scopeUseSelfServiceWrite',
  'self-service-modify': 'profiles.scopeUseSelfServiceModify',
};

/** The scopes a profile of this kind usually needs, each with what it allows, one click to add. */
export function ScopeSuggestions({
  suggestions,
  onPick,
}: {
  suggestions: readonly ScopeSuggestion[];
  onPick(scope: string): void;
}) {
  const t = useT();
  const headingId = useId();
  if (suggestions.length === 0) return null;
  return (
    <div className="scope-suggestions" data-testid="scope-suggestions">
      <span className="scope-suggestions__heading" id={headingId}>
        {t('profiles.scopeSuggestions')}
      </span>
      <ul aria-labelledby={headingId}>
        {suggestions.map((s) => (
          <li key={s.scope}>
            <Chip.Button
              type="button"
              data-size="sm"
              aria-label={t('profiles.scopeSuggestionAdd', { scope: s.scope })}
              onClick={() => onPick(s.scope)}
            >
              + {s.scope}
            </Chip.Button>
            <span className="profiles-muted">{t(useText[s.use])}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

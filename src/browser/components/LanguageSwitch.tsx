import { ToggleGroup, ToggleGroupItem } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../hooks/use-t';
import { useAppStore } from '../store/use-app-store';

export function LanguageSwitch() {
  const t = useT();
  const labelId = useId();
  const language = useAppStore((s) => s.language);
  const setLanguage = useAppStore((s) => s.setLanguage);
  return (
    <div className="top-bar__group" data-testid="language-switch">
      <span className="top-bar__label" id={labelId}>
        {t('shell.language')}
      </span>
      <ToggleGroup
        aria-labelledby={labelId}
        data-size="sm"
        value={language}
        onChange={(value) => void setLanguage(value === 'en' ? 'en' : 'nb')}
      >
        {/* Each language is named in itself, so a reader of either can find their own. */}
        <ToggleGroupItem value="nb" lang="nb">
          {t('shell.languageNb')}
        </ToggleGroupItem>
        <ToggleGroupItem value="en" lang="en">
          {t('shell.languageEn')}
        </ToggleGroupItem>
      </ToggleGroup>
    </div>
  );
}

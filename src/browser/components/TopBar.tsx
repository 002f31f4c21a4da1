import { Button, Heading } from '@digdir/designsystemet-react';
import { EnvironmentSwitcher } from '../features/environment/EnvironmentSwitcher';
import { useT } from '../hooks/use-t';
import { LanguageSwitch } from './LanguageSwitch';

export function TopBar({ onAbout }: { onAbout: () => void }) {
  const t = useT();
  return (
    <header className="top-bar">
      <Heading level={1} data-size="xs" className="top-bar__title">
        {t('shell.productName')}
      </Heading>
      <div className="top-bar__controls">
        <EnvironmentSwitcher />
        <LanguageSwitch />
        <Button variant="secondary" data-size="sm" onClick={onAbout} aria-haspopup="dialog">
          {t('shell.about')}
        </Button>
      </div>
    </header>
  );
}

import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';
import type { CloseBehaviour } from '../../../common/contract/intake';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../hooks/use-t';
import { useIntakeStore } from '../../store/use-intake-store';

/**
 * What closing the window does while watches run: ask, keep running in the background (tray icon), or
 * stop and quit. Remembered in main (intake:update-settings); the close prompt's "remember" sets it too.
 */
export function CloseSetting() {
  const t = useT();
  const id = useId();
  const settings = useIntakeStore((s) => s.settings);
  const error = useIntakeStore((s) => s.settingsError);
  const setCloseBehaviour = useIntakeStore((s) => s.setCloseBehaviour);
  if (!settings.value) return null;
  return (
    <Field className="intake-close-setting">
      <Label htmlFor={`${id}-close`}>{t('intake.closeSetting')}</Label>
      <Select
        id={`${id}-close`}
        value={settings.value.whenWindowCloses}
        onChange={(e) => void setCloseBehaviour(e.target.value as CloseBehaviour)}
        data-testid="intake-close-setting"
      >
        <Select.Option value="ask">{t('intake.closeAsk')}</Select.Option>
        <Select.Option value="background">{t('intake.closeBackground')}</Select.Option>
        <Select.Option value="quit">{t('intake.closeQuit')}</Select.Option>
      </Select>
      {error ? <ErrorAlert error={error} /> : null}
    </Field>
  );
}

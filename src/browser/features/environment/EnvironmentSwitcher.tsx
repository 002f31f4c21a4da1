import { Select, ToggleGroup, ToggleGroupItem } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useT } from '../../hooks/use-t';
import { useAppStore } from '../../store/use-app-store';
import { environmentLabel } from './environment-label';

// More than this many environments no longer fit side by side in the top bar.
const MAX_TOGGLES = 3;

/** Chooses the environment; the choice is saved by main (settings:update) and remembered across starts. */
export function EnvironmentSwitcher() {
  const t = useT();
  const labelId = useId();
  const environments = useAppStore((s) => s.environments);
  const environmentId = useAppStore((s) => s.environmentId);
  const switching = useAppStore((s) => s.switching);
  const setEnvironment = useAppStore((s) => s.setEnvironment);

  return (
    <div className="top-bar__group" data-testid="environment-switcher">
      <span className="top-bar__label" id={labelId}>
        {t('environment.switcherLabel')}
      </span>
      {environments.length <= MAX_TOGGLES ? (
        <ToggleGroup
          aria-labelledby={labelId}
          data-size="sm"
          value={environmentId}
          onChange={(id) => void setEnvironment(id)}
          aria-busy={switching}
        >
          {environments.map((env) => (
            <ToggleGroupItem key={env.id} value={env.id} data-color={env.production ? 'danger' : undefined}>
              {environmentLabel(env, t)}
            </ToggleGroupItem>
          ))}
        </ToggleGroup>
      ) : (
        <Select
          aria-labelledby={labelId}
          data-size="sm"
          width="auto"
          value={environmentId}
          disabled={switching}
          onChange={(e) => void setEnvironment(e.target.value)}
        >
          {environments.map((env) => (
            <Select.Option key={env.id} value={env.id}>
              {environmentLabel(env, t)}
            </Select.Option>
          ))}
        </Select>
      )}
    </div>
  );
}

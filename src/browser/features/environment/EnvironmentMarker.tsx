import { environmentWarningText } from '../../../common/i18n/environment-warnings';
import { useT } from '../../hooks/use-t';
import { selectEnvironment, useAppStore } from '../../store/use-app-store';
import { environmentKind } from './environment-kind';

/**
 * The band across the top of every screen that says which environment the window talks to.
 * Production is loud on purpose (DESIGN.md: "production is unmistakable"): red, full width, the word
 * PRODUKSJON in every language; test is calm.
 */
export function EnvironmentMarker() {
  const t = useT();
  const lang = useAppStore((s) => s.language);
  const env = useAppStore(selectEnvironment);
  // A custom environment that reuses a preset issuer or a production host says so in the band (issue 17, finding 7).
  const warnings = (env?.warnings ?? []).map((w) => (
    <span className="env-band__detail env-band__warning" data-testid="environment-warning" key={w.code}>
      {environmentWarningText(lang, w)}
    </span>
  ));
  const kind = environmentKind(env);
  if (kind === 'production') {
    return (
      <div className="env-band env-band--production" data-testid="production-marker" role="status">
        <strong className="env-band__word">{t('environment.productionBand')}</strong>
        <span className="env-band__detail">{t('environment.productionBandDetail')}</span>
        {warnings}
      </div>
    );
  }
  if (kind === 'custom') {
    return (
      <div className="env-band env-band--custom" data-testid="custom-marker" role="status">
        <strong>{t('environment.customMarker', { name: env?.name ?? '' })}</strong>
        {warnings}
      </div>
    );
  }
  return (
    <div className="env-band env-band--test" data-testid="test-marker" role="status">
      <strong>{t('environment.testMarker')}</strong>
      <span className="env-band__detail">{t('environment.testMarkerDetail')}</span>
    </div>
  );
}

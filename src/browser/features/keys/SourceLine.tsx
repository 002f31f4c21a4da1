import { Tag } from '@digdir/designsystemet-react';
import type { KeySummary } from '../../../common/contract/keys';
import { useLanguage, useT } from '../../hooks/use-t';
import { formatDate } from './key-dates';

const FORMAT_NAMES: Record<NonNullable<KeySummary['importFormat']>, string> = {
  'pkcs8-pem': 'PEM',
  'pkcs1-pem': 'PEM',
  'encrypted-pkcs8-pem': 'PEM',
  'encrypted-pkcs1-pem': 'PEM',
  'pkcs8-der': 'DER',
  'pkcs1-der': 'DER',
  'encrypted-pkcs8-der': 'DER',
  jwk: 'JWK',
  'jwk-base64': 'JWK',
  pkcs12: 'PKCS#12',
};

/** Where a key came from: made here, imported, or an enterprise certificate with its org number and validity. */
export function SourceLine({ keySummary: k, today }: { keySummary: KeySummary; today: string }) {
  const t = useT();
  const lang = useLanguage();
  const cert = k.certificate;
  if (cert) {
    const notAfter = cert.notAfter.slice(0, 10);
    const expired = notAfter < today;
    return (
      <div className="key-cell__subtle key-source" data-testid="key-source" data-source="certificate">
        <span>
          {t('keys.sourceCertificate')}
          {cert.orgNumber ? ` · ${t('keys.orgNumber', { orgNumber: formatOrgNumber(cert.orgNumber) })}` : ''}
        </span>
        {expired ? (
          <Tag data-color="danger" data-size="sm">
            {t('keys.certExpired', { date: formatDate(cert.notAfter, lang) })}
          </Tag>
        ) : (
          <span>{t('keys.certValidTo', { date: formatDate(cert.notAfter, lang) })}</span>
        )}
      </div>
    );
  }
  const text =
    k.source === 'generated'
      ? t('keys.sourceGenerated')
      : k.importFormat
        ? t('keys.sourceImportedFormat', { format: FORMAT_NAMES[k.importFormat] })
        : t('keys.sourceImported');
  return (
    <div className="key-cell__subtle key-source" data-testid="key-source" data-source={k.source}>
      {text}
    </div>
  );
}

/** 9 digits as Brønnøysund writes them: "123 456 789". */
function formatOrgNumber(orgNumber: string): string {
  return /^\d{9}$/.test(orgNumber) ? orgNumber.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3') : orgNumber;
}

import type { Language } from '../../contract/app';
import type { ProblemItem } from '../../errors/problem-items';

/**
 * Altinn's validation codes of the system register, in words for a person (nb, en). Codes and English titles:
 * Altinn/altinn-authentication@ad4f6f3 src/Core/Errors/ValidationErrors.cs:18-128 (`AUTH.VLD-000nn`, the number is
 * the descriptor's). 00014–00016 are left out: they belong to system-user routes the app does not call, and 00014
 * names two different rules there.
 */
const TEXTS: Record<string, Record<Language, string>> = {
  'AUTH.VLD-00000': {
    nb: 'Leverandørens organisasjonsnummer er ikke en gyldig ISO 6523-identifikator (0192:organisasjonsnummer).',
    en: "The vendor's organisation number is not a valid ISO 6523 identifier (0192:organisation number).",
  },
  'AUTH.VLD-00001': {
    nb: 'System-id-en har ikke formen organisasjonsnummer_navn.',
    en: 'The system id is not of the form orgnumber_name.',
  },
  'AUTH.VLD-00002': { nb: 'System-id-en finnes allerede.', en: 'The system id exists already.' },
  'AUTH.VLD-00003': {
    nb: 'En eller flere ressurser finnes ikke i Altinns ressursregister.',
    en: "One or more resources are not in Altinn's resource register.",
  },
  'AUTH.VLD-00004': {
    nb: 'En av klient-id-ene er allerede knyttet til et annet system.',
    en: 'One of the client ids is already tied to another system.',
  },
  'AUTH.VLD-00005': {
    nb: 'En omdirigerings-URL er ikke gyldig: den må være en fullstendig https://-adresse.',
    en: 'A redirect URL is not valid: it must be a full https:// address.',
  },
  'AUTH.VLD-00006': { nb: 'Samme rettighet står flere ganger.', en: 'A right is listed more than once.' },
  'AUTH.VLD-00007': {
    nb: 'Samme tilgangspakke står flere ganger.',
    en: 'An access package is listed more than once.',
  },
  'AUTH.VLD-00008': {
    nb: 'En eller flere tilgangspakker finnes ikke eller kan ikke delegeres.',
    en: 'One or more access packages do not exist or cannot be delegated.',
  },
  'AUTH.VLD-00009': {
    nb: 'En ressurs-id har feil form (urn:altinn:resource).',
    en: 'A resource id has the wrong form (urn:altinn:resource).',
  },
  'AUTH.VLD-00011': { nb: 'Samme klient-id står flere ganger.', en: 'A client id is listed more than once.' },
  'AUTH.VLD-00012': {
    nb: 'System-id-en i innholdet er ikke den samme som i adressen.',
    en: 'The system id in the body differs from the one in the address.',
  },
  'AUTH.VLD-00013': {
    nb: 'System-id-en kan ikke ha mellomrom (foran, bak eller inni).',
    en: 'The system id cannot contain spaces (leading, trailing or inside).',
  },
  'AUTH.VLD-00017': {
    nb: 'En eller flere ressurser er av en type som ikke kan delegeres.',
    en: 'One or more resources are of a type that cannot be delegated.',
  },
  'AUTH.VLD-00018': {
    nb: 'Tilgangspakker for klientforhold kan ikke brukes når systemet er synlig i Altinn.',
    en: 'Access packages for client relations cannot be used while the system is visible in Altinn.',
  },
};

/** The field a path names (altinn-authentication@ad4f6f3 src/Authentication/Constants/ErrorPathConstant.cs:11-36). */
const FIELDS: Record<string, Record<Language, string>> = {
  '/registersystemrequest/vendor/id': { nb: 'Leverandør', en: 'Vendor' },
  '/registersystemrequest/systemid': { nb: 'System-id', en: 'System id' },
  '/registersystemrequest/allowedredirecturls': { nb: 'Omdirigerings-URL-er', en: 'Redirect URLs' },
  '/registersystemrequest/clientid': { nb: 'Klient-id-er', en: 'Client ids' },
  '/registersystemrequest/accesspackages': { nb: 'Tilgangspakker', en: 'Access packages' },
  '/registersystemrequest/rights/resource': { nb: 'Rettigheter', en: 'Rights' },
};

export interface LocalizedProblemItem {
  /** The field in words, when the path is one Altinn names; else the path as sent. */
  field?: string;
  /** Our words for a known code, else the server's own title. */
  title: string;
}

export function localizeProblemItem(item: ProblemItem, lang: Language): LocalizedProblemItem {
  const path = item.paths[0];
  const field = path ? (FIELDS[path.toLowerCase()]?.[lang] ?? path) : undefined;
  const title = (item.code ? TEXTS[item.code]?.[lang] : undefined) ?? item.title;
  return { ...(field ? { field } : {}), title };
}

/** Codes with our own words (for the catalogue test). */
export const localizedValidationCodes = Object.keys(TEXTS);

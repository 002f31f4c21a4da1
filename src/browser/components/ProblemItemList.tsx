import { problemItemsOf } from '../../common/errors/problem-items';
import { localizeProblemItem } from '../../common/i18n/errors/altinn-validation';
import { isApiError } from '../api';
import { useLanguage } from '../hooks/use-t';

/**
 * The items of a server's validation problem (`details.problems`, src/common/errors/problem-items.ts): per item
 * the field and what is wrong in the person's language — our words for Altinn's known codes, else Altinn's own
 * title — with Altinn's code and path beside it for support.
 */
export function ProblemItemList({ error }: { error: unknown }) {
  const lang = useLanguage();
  const items = isApiError(error) ? problemItemsOf(error.details) : [];
  if (items.length === 0) return null;
  return (
    <ul className="problem-items" data-testid="error-problems">
      {items.map((item) => {
        const { field, title } = localizeProblemItem(item, lang);
        return (
          <li
            key={`${item.code ?? ''} ${item.paths.join(',')} ${item.title}`}
            data-testid="error-problem"
            data-problem-code={item.code ?? ''}
          >
            {field ? <strong>{field}: </strong> : null}
            {title}
            {item.details.map((d) => (
              <span key={d} className="problem-items__detail">
                {d}
              </span>
            ))}
            <span className="problem-items__source">{[item.code, ...item.paths].filter(Boolean).join(' · ')}</span>
          </li>
        );
      })}
    </ul>
  );
}

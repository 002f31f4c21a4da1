import { Alert, Heading } from '@digdir/designsystemet-react';
import type { ValidationIssueView } from '../../../common/contract/instance-acts';
import { isApiError } from '../../api';
import { useT } from '../../hooks/use-t';

/** The issues Altinn listed when it refused a task (ACT_VALIDATION_FAILED and file refusals carry them). */
export function issuesOf(error: unknown): ValidationIssueView[] {
  if (!isApiError(error)) return [];
  const issues = error.details?.issues;
  return Array.isArray(issues) ? (issues as ValidationIssueView[]) : [];
}

export function ValidationIssues({ issues, task }: { issues: readonly ValidationIssueView[]; task: string }) {
  const t = useT();
  if (issues.length === 0) return null;
  return (
    <Alert data-color="warning" data-size="sm" className="acts-issues" data-testid="validation-issues">
      <Heading level={4} data-size="2xs">
        {t('acts.issuesHeading', { task })}
      </Heading>
      <ul>
        {issues.map((issue) => (
          <li
            key={`${issue.code}-${issue.field}-${issue.dataElementId}-${issue.description}`}
            data-issue-code={issue.code ?? ''}
          >
            {issue.code === 'TooFewDataElementsOfType'
              ? t('acts.issueTooFew', { field: issue.field ?? '' })
              : issue.code === 'TooManyDataElementsOfType'
                ? t('acts.issueTooMany', { field: issue.field ?? '' })
                : [issue.description ?? issue.code, issue.field ? `(${issue.field})` : ''].filter(Boolean).join(' ')}
            <span className="acts-muted"> · {issue.code}</span>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

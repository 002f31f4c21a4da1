import { Button } from '@digdir/designsystemet-react';
import { createContext, useContext, useState } from 'react';
import { useT } from '../../hooks/use-t';
import type { TreeNode } from './tree-model';

/** Branches this deep start unfolded; "Expand all" and "Collapse all" override it. */
const OPEN_DEPTH = 3;
/** Children are put in the page a batch at a time, so a 50 MB document does not freeze the window. */
const BATCH = 200;

const FoldAll = createContext<boolean | undefined>(undefined);

/** A pretty-printed, foldable tree (native <details>, so it folds with the keyboard too); text is selectable. */
export function TreeView({ root, testId }: { root: TreeNode; testId: string }) {
  const t = useT();
  const [fold, setFold] = useState<{ open?: boolean; version: number }>({ version: 0 });
  return (
    <div className="tree-view" data-testid={testId}>
      <div className="preview-toolbar" role="toolbar" aria-label={t('preview.title')}>
        <div className="button-row">
          {([true, false] as const).map((open) => (
            <Button
              key={String(open)}
              data-size="sm"
              variant="tertiary"
              onClick={() => setFold({ open, version: fold.version + 1 })}
              data-testid={open ? 'tree-expand-all' : 'tree-collapse-all'}
            >
              {open ? t('preview.treeExpandAll') : t('preview.treeCollapseAll')}
            </Button>
          ))}
        </div>
      </div>
      <div className="tree-view__body">
        <FoldAll.Provider value={fold.open}>
          <Node key={fold.version} node={root} depth={0} />
        </FoldAll.Provider>
      </div>
    </div>
  );
}

function Node({ node, depth }: { node: TreeNode; depth: number }) {
  const all = useContext(FoldAll);
  const [open, setOpen] = useState(all ?? depth < OPEN_DEPTH);
  if (node.kind === 'leaf') {
    return (
      <div className="tree-view__line">
        <Parts parts={node.parts} />
      </div>
    );
  }
  return (
    <details
      className="tree-view__branch"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
      data-testid="tree-branch"
    >
      <summary className="tree-view__line">
        <Parts parts={node.parts} />
        {open ? null : (
          <>
            <span className="tree-view__summary"> {node.summary} </span>
            <Parts parts={node.closing ?? []} />
          </>
        )}
      </summary>
      {open ? <Children node={node} depth={depth} /> : null}
      {open ? (
        <div className="tree-view__line tree-view__closing">
          <Parts parts={node.closing ?? []} />
        </div>
      ) : null}
    </details>
  );
}

function Children({ node, depth }: { node: TreeNode; depth: number }) {
  const t = useT();
  const [shown, setShown] = useState(BATCH);
  const [children] = useState(() => node.children?.() ?? []);
  return (
    <div className="tree-view__children">
      {children.slice(0, shown).map((child) => (
        <Node key={child.id} node={child} depth={depth + 1} />
      ))}
      {children.length > shown ? (
        <Button data-size="sm" variant="tertiary" onClick={() => setShown(shown + BATCH)}>
          {t('preview.treeMore', { count: Math.min(BATCH, children.length - shown), total: children.length - shown })}
        </Button>
      ) : null}
    </div>
  );
}

function Parts({ parts }: { parts: TreeNode['parts'] }) {
  return (
    <>
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a line never reorder
        <span key={i} className={`tree-view__${part.role}`}>
          {part.text}
        </span>
      ))}
    </>
  );
}

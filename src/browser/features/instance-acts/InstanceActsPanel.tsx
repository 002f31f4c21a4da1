import { useEffect } from 'react';
import type { ActInstanceView } from '../../../common/contract/instance-acts';
import { useInstanceActsStore } from '../../store/use-instance-acts-store';
import { AddFilePanel } from './AddFilePanel';
import { DeleteInstancePanel } from './DeleteInstancePanel';
import { ProcessPanel } from './ProcessPanel';
import { StatusPanel } from './StatusPanel';
import './acts.css';

/**
 * What the service owner can do with the instance open in the details (issue 19): add files, move the
 * process, set what the owner sees, delete. It reads the instance with its status and the process when it
 * opens, and hands the table a refresh when it closes after a change.
 */
export function InstanceActsPanel({ detail, profileId }: { detail: ActInstanceView; profileId: string }) {
  const view = useInstanceActsStore((s) => s.instance.value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: opened once per instance, with the details read then
  useEffect(() => {
    void useInstanceActsStore.getState().open(profileId, detail.appId, detail.id, detail);
    return () => useInstanceActsStore.getState().close();
  }, [profileId, detail.appId, detail.id]);

  if (!view || view.id !== detail.id) return null;
  const active = !view.isArchived && !view.isSoftDeleted && !view.isHardDeleted;
  return (
    <div className="acts-details" data-testid="instance-acts">
      {active && view.currentTask ? <AddFilePanel profileId={profileId} view={view} /> : null}
      <ProcessPanel profileId={profileId} view={view} />
      <StatusPanel profileId={profileId} view={view} />
      <DeleteInstancePanel profileId={profileId} view={view} />
    </div>
  );
}

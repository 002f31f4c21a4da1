import { Button } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useT } from '../../hooks/use-t';
import { useInstancesStore } from '../../store/use-instances-store';
import { NewInstanceDialog } from './NewInstanceDialog';
import './acts.css';

/** "Ny instans …" for the app chosen in the Instances view (issue 19). */
export function InstanceActsBar({ production, environmentName }: { production: boolean; environmentName: string }) {
  const t = useT();
  const profileId = useInstancesStore((s) => s.profileId);
  const appId = useInstancesStore((s) => s.appId);
  const [open, setOpen] = useState(false);
  if (!profileId || !appId) return null;
  return (
    <div className="acts-bar">
      <Button variant="secondary" data-size="sm" onClick={() => setOpen(true)} data-testid="new-instance">
        {t('acts.newButton')}
      </Button>
      <NewInstanceDialog
        open={open}
        profileId={profileId}
        appId={appId}
        production={production}
        environmentName={environmentName}
        onClose={() => setOpen(false)}
      />
    </div>
  );
}

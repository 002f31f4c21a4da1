import { aboutMessages } from './about';
import { actsMessages } from './acts';
import { clientsMessages } from './clients';
import { confirmMessages } from './confirm';
import { downloadsMessages } from './downloads';
import { environmentMessages } from './environment';
import { eventsMessages } from './events';
import { instancesMessages } from './instances';
import { intakeMessages } from './intake';
import { keysMessages } from './keys';
import { previewMessages } from './preview';
import { profilesMessages } from './profiles';
import { sendMessages } from './send';
import { shellMessages } from './shell';
import { systemsMessages } from './systems';
import { tokenMessages } from './token';

/**
 * Every area's messages, keyed by area; keys are written `area.key` (`t('shell.navKeys')`).
 * Each area adds itself here with one line; its file exports `{ nb, en }` with `en: typeof nb`.
 */
export const messages = {
  shell: shellMessages,
  environment: environmentMessages,
  about: aboutMessages,
  keys: keysMessages,
  profiles: profilesMessages,
  token: tokenMessages,
  clients: clientsMessages,
  systems: systemsMessages,
  instances: instancesMessages,
  downloads: downloadsMessages,
  preview: previewMessages,
  intake: intakeMessages,
  acts: actsMessages,
  confirm: confirmMessages,
  send: sendMessages,
  events: eventsMessages,
};

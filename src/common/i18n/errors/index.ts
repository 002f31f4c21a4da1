import { actErrors } from './acts';
import { authErrors } from './auth';
import { downloadErrors } from './downloads';
import { eventsErrors } from './events';
import { intakeErrors } from './intake';
import { keysErrors } from './keys';
import { previewErrors } from './preview';
import { profileErrors } from './profiles';
import { seamErrors } from './seam';
import { selfServiceErrors } from './selfservice';
import { sendErrors } from './send';
import { systemsErrors } from './systems';
import type { ErrorCatalogue } from './types';
import { windowTrustErrors } from './window-trust';

export type { ErrorCatalogue, ErrorText } from './types';

/** Every area adds its catalogue here with one line. */
export const errorTexts: ErrorCatalogue = {
  ...seamErrors,
  ...downloadErrors,
  ...keysErrors,
  ...authErrors,
  ...profileErrors,
  ...selfServiceErrors,
  ...previewErrors,
  ...systemsErrors,
  ...intakeErrors,
  ...actErrors,
  ...windowTrustErrors,
  ...sendErrors,
  ...eventsErrors,
};

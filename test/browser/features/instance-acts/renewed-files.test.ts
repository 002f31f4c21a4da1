import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/browser/api';
import { afterFailedSend } from '../../../../src/browser/features/instance-acts/renewed-files';

const files = [
  { handle: 'a', name: 'a.pdf' },
  { handle: 'b', name: 'b.pdf' },
  { handle: 'c', name: 'c.pdf' },
];

describe('the files after a failed send', () => {
  it('takes the new handles main gave back, drops a sent file it did not, keeps the files not sent', () => {
    const error = new ApiError({
      code: 'PATH_NOT_FROM_DIALOG',
      message: 'x',
      details: { renewed: { a: { handle: 'a2', name: 'a.pdf' } } },
    });
    expect(afterFailedSend(files, ['a', 'b'], error)).toEqual([
      { handle: 'a2', name: 'a.pdf' },
      { handle: 'c', name: 'c.pdf' },
    ]);
  });

  it('keeps every file when main took none (an error before the handler, or not from main)', () => {
    expect(afterFailedSend(files, ['a'], new ApiError({ code: 'INVALID_INPUT', message: 'x' }))).toEqual(files);
    expect(afterFailedSend(files, ['a'], new Error('offline'))).toEqual(files);
  });
});

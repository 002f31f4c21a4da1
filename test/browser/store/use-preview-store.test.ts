import { describe, expect, it } from 'vitest';
import { usePreviewStore } from '../../../src/browser/store/use-preview-store';
import type { ElementPreview } from '../../../src/common/contract/preview';
import { storeOverPendingApi } from './pending-api';

const other = (filename: string): ElementPreview => ({ kind: 'other', contentType: 'x/y', filename, size: 1 });
const target = (elementId: string) => ({
  profileId: 'p',
  instanceId: '1/abc',
  elementId,
  filename: `${elementId}.docx`,
});
const notDownloaded = { code: 'PREVIEW_NOT_DOWNLOADED', message: 'not downloaded' };

describe('usePreviewStore: an answer for an element the dialog has left is dropped', () => {
  const bridge = storeOverPendingApi(usePreviewStore);

  it('shows the element opened last, whichever answer comes first', async () => {
    const { open } = usePreviewStore.getState();
    void open(target('a'));
    expect(usePreviewStore.getState().preview).toEqual({ status: 'loading', value: undefined });
    void open(target('b'));
    expect(await bridge.ok('preview.element', other('b.docx'), 'newest')).toEqual({
      profileId: 'p',
      instanceId: '1/abc',
      elementId: 'b',
    });
    expect(usePreviewStore.getState().preview).toEqual({ status: 'ready', value: other('b.docx') });
    await bridge.ok('preview.element', other('a.docx'));
    expect(usePreviewStore.getState().preview).toEqual({ status: 'ready', value: other('b.docx') });

    void open(target('c'));
    void open(target('d'));
    await bridge.fail('preview.element', notDownloaded);
    expect(usePreviewStore.getState()).toMatchObject({ target: target('d'), preview: { status: 'loading' } });
    await bridge.fail('preview.element', { code: 'PREVIEW_TOO_LARGE', message: 'too large' });
    expect(usePreviewStore.getState().preview).toMatchObject({
      status: 'failed',
      error: { code: 'PREVIEW_TOO_LARGE' },
    });
  });

  it('drops the preview and the open-with answer that arrive after the dialog closed', async () => {
    const { open, close } = usePreviewStore.getState();
    void open(target('a'));
    close();
    await bridge.ok('preview.element', other('a.docx'));
    expect(usePreviewStore.getState()).toMatchObject({ target: undefined, preview: { status: 'idle' } });

    void open(target('a'));
    await bridge.ok('preview.element', other('a.docx'));
    void usePreviewStore.getState().openWithSystem();
    expect(usePreviewStore.getState().systemOpen.status).toBe('loading');
    close();
    await bridge.ok('preview.openDownloaded', { path: '/dl/a.docx' });
    expect(usePreviewStore.getState().systemOpen).toEqual({ status: 'idle', value: undefined });
  });

  it('opens from a chosen folder; a cancelled choice leaves the failure (and its folder button) as it was', async () => {
    const { open, openWithSystem, chooseFolderAndOpen } = usePreviewStore.getState();
    void open(target('a'));
    await bridge.ok('preview.element', other('a.docx'));
    void openWithSystem();
    await bridge.fail('preview.openDownloaded', notDownloaded);
    const failed = usePreviewStore.getState().systemOpen;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'PREVIEW_NOT_DOWNLOADED' } });

    void chooseFolderAndOpen();
    await bridge.ok('downloads.chooseFolder', { folder: null });
    expect(usePreviewStore.getState().systemOpen).toBe(failed);
    expect(bridge.pending()).toEqual([]);

    void chooseFolderAndOpen();
    await bridge.ok('downloads.chooseFolder', { folder: '/dl' });
    expect(await bridge.ok('preview.openDownloaded', { path: '/dl/a.docx' })).toEqual({
      elementId: 'a',
      folder: '/dl',
    });
    expect(usePreviewStore.getState().systemOpen).toEqual({ status: 'ready', value: '/dl/a.docx' });
  });

  it('shows a type the app does not open in its folder, also after choosing the folder (issue 17, finding 5)', async () => {
    const { open, showInFolder, chooseFolderAndOpen } = usePreviewStore.getState();
    const zip: ElementPreview = {
      ...other('a.zip'),
      systemOpen: { action: 'show-in-folder', reason: 'container' },
    };
    void open(target('a'));
    await bridge.ok('preview.element', zip);
    void showInFolder();
    await bridge.fail('preview.showDownloaded', notDownloaded);
    expect(usePreviewStore.getState().systemOpen).toMatchObject({ status: 'failed' });

    void chooseFolderAndOpen();
    await bridge.ok('downloads.chooseFolder', { folder: '/dl' });
    expect(await bridge.ok('preview.showDownloaded', { shown: true, path: '/dl/a.zip' })).toEqual({
      elementId: 'a',
      folder: '/dl',
    });
    expect(usePreviewStore.getState().systemOpen).toEqual({ status: 'ready', value: '/dl/a.zip' });
    expect(bridge.pending()).toEqual([]);
  });
});

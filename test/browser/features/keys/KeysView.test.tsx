// @vitest-environment jsdom
import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { act, cleanup as cleanupDom, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import forge from 'node-forge';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeysView } from '../../../../src/browser/features/keys/KeysView';
import { useKeysStore } from '../../../../src/browser/store/use-keys-store';
import type { SecretStore } from '../../../../src/node/keys/secret-store';
import type { scriptedDesktop } from '../../../../src/node/platform/desktop';
import { tempHome } from '../../../helpers/temp-home';
import { testServices } from '../../../helpers/test-services';
import { dispatchBridge } from '../../dispatch-bridge';

// jsdom lacks CSS.escape, document.getAnimations and the modal half of <dialog>; give them their plain behaviour.
vi.hoisted(() => {
  const d = document as { getAnimations?: () => Animation[] };
  d.getAnimations ??= () => [];
  const g = globalThis as { CSS?: { escape?: (s: string) => string } };
  g.CSS ??= {};
  g.CSS.escape ??= (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`);
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal(): void };
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

// The passphrase vault derives its key with the app's real scrypt cost (~128 MiB); under a loaded test run
// that takes seconds, not the 1 s testing-library waits by default.
const SCRYPT_WAIT = 20_000;

/** The scripted desktop's answers (declared optional in its emitted type, always present at run time). */
function answersOf(desktop: ReturnType<typeof scriptedDesktop>) {
  if (!desktop.answers) throw new Error('the scripted desktop has no answers object');
  return desktop.answers;
}

/** A keychain that does not answer, like a Linux desktop without a Secret Service. */
function deadKeychain(): SecretStore {
  const fail = async () => {
    throw new Error('org.freedesktop.secrets was not provided by any .service files');
  };
  return {
    get: fail,
    set: fail,
    delete: fail,
    probe: async () => ({ available: false, detail: 'No Secret Service answered' }),
  };
}

/** An enterprise-certificate-like .p12 (org number in subject serialNumber) whose certificate has expired. */
function expiredP12(password: string): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey((key as forge.pki.rsa.PrivateKey).n, (key as forge.pki.rsa.PrivateKey).e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date('2021-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2024-01-01T00:00:00Z');
  const subject = [
    { name: 'commonName', value: 'Testvirksomhet AS' },
    { name: 'serialNumber', value: '123456785' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(key as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

describe('KeysView (jsdom, real dispatch)', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  const initial = useKeysStore.getState();

  async function mount(overrides: Parameters<typeof testServices>[1] = {}) {
    const t = testServices(home, overrides);
    window.api = dispatchBridge(t.dispatch).api;
    render(<KeysView />);
    await screen.findByTestId('vault-status');
    return t;
  }

  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    useKeysStore.setState(initial, true);
  });

  afterEach(async () => {
    cleanupDom();
    delete window.api;
    await cleanup();
  });

  it('asks for the password of an encrypted key file, says when it is wrong, and imports with the right one', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const file = join(home, 'server-key.pem');
    await writeFile(
      file,
      privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'riktig passord' }),
    );
    const { desktop } = await mount();
    answersOf(desktop).openFile = file;

    fireEvent.click(screen.getByTestId('import-key'));
    const dialog = await screen.findByTestId('import-password-dialog');
    expect(dialog.textContent).toContain('«server-key.pem»');
    expect(dialog.textContent).not.toContain('Feil passord');

    fireEvent.change(within(dialog).getByLabelText('Passord for filen'), { target: { value: 'galt passord' } });
    fireEvent.click(within(dialog).getByTestId('import-password-submit'));
    await within(dialog).findByText('Feil passord. Prøv igjen.');
    expect(screen.queryByTestId('key-row')).toBeNull();

    fireEvent.change(within(dialog).getByLabelText('Passord for filen'), { target: { value: 'riktig passord' } });
    fireEvent.click(within(dialog).getByTestId('import-password-submit'));
    await screen.findByTestId('key-row');
    expect(screen.queryByTestId('import-password-dialog')).toBeNull();
    expect(screen.getByTestId('keys-notice').textContent).toContain('Nøkkelen «server-key» er importert.');
    expect(screen.getByTestId('key-source').textContent).toBe('Importert (PEM)');
  });

  it('imports an expired enterprise certificate and shows the warning, org number and validity', async () => {
    const file = join(home, 'virksomhet.p12');
    await writeFile(file, expiredP12('p12-passord'));
    const { desktop } = await mount();
    answersOf(desktop).openFile = file;

    fireEvent.click(screen.getByTestId('import-key'));
    const dialog = await screen.findByTestId('import-password-dialog');
    fireEvent.change(within(dialog).getByLabelText('Passord for filen'), { target: { value: 'p12-passord' } });
    fireEvent.click(within(dialog).getByTestId('import-password-submit'));

    const notice = await screen.findByTestId('keys-notice');
    expect(notice.getAttribute('data-tone')).toBe('warning');
    expect(notice.textContent).toContain('Nøkkelen «Testvirksomhet AS» er importert, men se dette:');
    const warning = within(notice).getByTestId('import-warnings');
    expect(warning.querySelector('[data-warning-code="CERT_EXPIRED"]')?.textContent).toContain(
      'Sertifikatet er utløpt',
    );
    const source = screen.getByTestId('key-source');
    expect(source.getAttribute('data-source')).toBe('certificate');
    expect(source.textContent).toContain('Virksomhetssertifikat · org.nr. 123 456 785');
    expect(source.textContent).toContain('Sertifikatet utløp 1. jan. 2024');
  });

  it('shows an import error with its localized title and hint', async () => {
    const file = join(home, 'tom.pem');
    await writeFile(file, '');
    const { desktop } = await mount();
    answersOf(desktop).openFile = file;
    fireEvent.click(screen.getByTestId('import-key'));
    const alert = await screen.findByTestId('error-alert');
    expect(alert.getAttribute('data-error-code')).toBe('KEY_EMPTY_FILE');
    expect(screen.queryByTestId('import-password-dialog')).toBeNull();
  });

  it('explains a missing keychain and lets the person choose a passphrase vault explicitly', async () => {
    await mount({ secrets: deadKeychain() });
    const vault = screen.getByTestId('vault-status');
    expect(vault.getAttribute('data-vault-kind')).toBe('keychain');
    expect(vault.textContent).toContain('Nøkkelringen i operativsystemet svarer ikke');
    expect(vault.textContent).toContain('No Secret Service answered');

    fireEvent.click(within(vault).getByTestId('vault-choose-passphrase'));
    const dialog = await screen.findByTestId('passphrase-vault-dialog');
    fireEvent.change(within(dialog).getByLabelText('Nytt passord', { exact: false }), {
      target: { value: 'en lang setning' },
    });
    fireEvent.change(within(dialog).getByLabelText('Gjenta passordet'), { target: { value: 'en annen setning' } });
    fireEvent.click(within(dialog).getByTestId('vault-new-submit'));
    await within(dialog).findByText('Passordene er ikke like.');

    fireEvent.change(within(dialog).getByLabelText('Gjenta passordet'), { target: { value: 'en lang setning' } });
    fireEvent.click(within(dialog).getByTestId('vault-new-submit'));
    await waitFor(() => expect(screen.getByTestId('vault-status').getAttribute('data-vault-kind')).toBe('passphrase'), {
      timeout: SCRYPT_WAIT,
    });
    expect(screen.getByTestId('vault-status').textContent).toContain('Hvelv med passord');
    expect(screen.queryByTestId('passphrase-vault-dialog')).toBeNull();
  });

  it('shows a locked passphrase vault as an unlock form, with the wrong passphrase as an error', async () => {
    // Make a passphrase vault in one "run" of the app …
    await testServices(home).services.keys.switchToPassphraseVault('en lang setning');
    // … and open it in the next, where it starts locked.
    await mount();
    const vault = screen.getByTestId('vault-status');
    expect(vault.getAttribute('data-unlocked')).toBe('false');
    expect(vault.textContent).toContain('Hvelvet er låst');

    const field = within(vault).getByLabelText('Passord for hvelvet');
    fireEvent.change(field, { target: { value: 'feil setning' } });
    fireEvent.click(within(vault).getByTestId('vault-unlock-submit'));
    const alert = await within(screen.getByTestId('vault-status')).findByTestId('error-alert', undefined, {
      timeout: SCRYPT_WAIT,
    });
    expect(alert.getAttribute('data-error-code')).toBe('VAULT_WRONG_PASSPHRASE');

    fireEvent.change(within(screen.getByTestId('vault-status')).getByLabelText('Passord for hvelvet'), {
      target: { value: 'en lang setning' },
    });
    fireEvent.click(within(screen.getByTestId('vault-status')).getByTestId('vault-unlock-submit'));
    await waitFor(() => expect(screen.getByTestId('vault-status').getAttribute('data-unlocked')).toBe('true'), {
      timeout: SCRYPT_WAIT,
    });
    expect(screen.getByTestId('vault-status').textContent).toContain('Hvelvet er låst opp');
  });

  it('turns a dropped file into the native picker, naming the file to pick', async () => {
    const { desktop } = await mount();
    const chooser = vi.spyOn(desktop, 'chooseOpenFile');
    const view = screen.getByTestId('view-keys');
    const dataTransfer = { types: ['Files'], files: [{ name: 'nøkkel.p12' }], dropEffect: 'none' };
    fireEvent.dragEnter(view, { dataTransfer });
    expect(screen.getByTestId('drop-overlay').textContent).toBe('Slipp filen for å importere den');
    await act(async () => {
      fireEvent.drop(view, { dataTransfer });
    });
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    await waitFor(() => expect(chooser).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId('keys-notice').textContent).toContain('Velg «nøkkel.p12» i vinduet som åpnes.');
  });

  it("imports a dropped file through main's own confirmation, without the picker, the page never holding its path", async () => {
    const { desktop, services, droppedFile } = await mount();
    const chooser = vi.spyOn(desktop, 'chooseOpenFile');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const path = join(home, 'dropped-key.pem');
    await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const dropped = { name: 'dropped-key.pem' };
    // What the preload does: the path from the File itself, straight to main's dropped-file channel.
    window.api = {
      ...window.api!,
      files: {
        handlesForDroppedFiles: (files, purpose) =>
          droppedFile({ paths: files.map((file) => (file === dropped ? path : '')), purpose }),
      },
    };
    const view = screen.getByTestId('view-keys');
    const drop = () =>
      act(async () => {
        fireEvent.drop(view, { dataTransfer: { types: ['Files'], files: [dropped], dropEffect: 'none' } });
      });

    // The person says no in main's dialog: nothing is imported, nothing else opens.
    answersOf(desktop).confirm = false;
    await drop();
    await waitFor(() => expect(desktop.confirmations).toHaveLength(1));
    expect(desktop.confirmations[0]?.message).toBe('Importere nøkkelfilen «dropped-key.pem»?');
    expect(await services.keys.list()).toEqual([]);

    answersOf(desktop).confirm = true;
    await drop();
    await waitFor(async () => expect((await services.keys.list()).map((k) => k.name)).toEqual(['dropped-key']));
    expect(chooser).not.toHaveBeenCalled();
  });
});

import { createRequire } from 'node:module';
import type forge from 'node-forge';

/**
 * node-forge, loaded on first use. Only importing a PKCS#12 file (pkcs12.ts) and reading a certificate's
 * outer ASN.1 (key-formats.ts) need it, while loading it cost every start of `mpd` and of the app 30–150 ms
 * on this project's build machine (bench/: the latency regime times whole commands) and some memory.
 */
let loaded: typeof forge | undefined;

export function nodeForge(): typeof forge {
  loaded ??= createRequire(__filename)('node-forge') as typeof forge;
  return loaded;
}

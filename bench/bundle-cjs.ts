/**
 * One bench script bundled as the shipped `mpd` is (electron-vite bundles the CLI into one CommonJS file run by
 * plain node): esbuild, which tsx and vite already install. `nodePaths` lets a source tree outside this one
 * (bench/startup-ab.ts) find this checkout's node_modules.
 */
export function bundleCjs(entry: string, outfile: string, nodePaths?: string[]): void {
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    outfile,
    external: ['@napi-rs/keyring', 'electron'],
    ...(nodePaths ? { nodePaths } : {}),
    logLevel: 'error',
  });
}

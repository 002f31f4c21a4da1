// No zod here: the renderer's api.ts finds its methods with this, and zod must stay out of its bundle.

/**
 * Where a channel sits on window.api: colons split the namespace, dashes become camelCase
 * (`keys:generate` → `api.keys.generate`, `shell:open-external` → `api.shell.openExternal`).
 */
export function methodPath(channelName: string): [string, string] {
  const [ns = '', method = ''] = channelName.split(':');
  return [ns, method.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
}

import { describe, expect, it } from 'vitest';
import { viewLabels } from '../../src/browser/components/SideNav';
import { views } from '../../src/browser/features/views';
import { navGroups, viewIds } from '../../src/browser/store/use-app-store';

describe('navigation groups', () => {
  it('puts every view in exactly one group, daily work first, setup next, troubleshooting last', () => {
    const grouped = navGroups.flatMap((g) => g.views);
    expect(new Set(grouped).size).toBe(grouped.length);
    expect([...grouped].sort()).toEqual(Object.keys(views).sort());
    expect([...grouped].sort()).toEqual(Object.keys(viewLabels).sort());
    expect(navGroups.map((g) => g.id)).toEqual(['daily', 'setup', 'troubleshooting']);
    expect(navGroups[0]?.views.slice(0, 3)).toEqual(['instances', 'intake', 'send']);
    expect(navGroups[0]?.views.at(-1)).toBe('downloads');
    expect(navGroups[2]?.views).toEqual(['token']);
    expect(viewIds).toEqual(grouped);
  });
});

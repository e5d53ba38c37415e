import { describe, expect, it } from 'vitest';
import { NAV_SECTIONS, visibleNavSections } from './nav.config';

describe('the menu', () => {
  it('names every page once, in one group', () => {
    const paths = NAV_SECTIONS.flatMap((section) => section.items.map((item) => item.path));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('keeps the folded list short: "today" plus the biggest group stays within 16 links for the founder (admin and director)', () => {
    const sections = visibleNavSections(['admin', 'director']);
    const today = sections.find((s) => s.id === 'today')!.items.length;
    const biggest = Math.max(...sections.filter((s) => s.id !== 'today' && s.id !== 'you').map((s) => s.items.length));
    expect(today + biggest).toBeLessThanOrEqual(16);
  });

  it('shows a member no administration and a guest advisor only counsel', () => {
    const member = visibleNavSections(['member']).flatMap((s) => s.items.map((i) => i.path));
    expect(member).not.toContain('/members');
    expect(member).not.toContain('/setup');
    expect(member).not.toContain('/decision-queue');
    const advisor = visibleNavSections(['advisor']).flatMap((s) => s.items.map((i) => i.path));
    expect(advisor.sort()).toEqual(['/', '/needs', '/profile', '/proposals']);
  });
});

import { describe, expect, it } from 'vitest';
import { groupBySection } from '../../../components/desk/group';
import { renderDraft } from '../../../utils/export/draft';
import { xmppNewsletter2023 as xmppNewsletter } from '../../../utils/presets/xmpp-2023';
import { makeItem } from '../export/fixtures';

describe('groupBySection', () => {
  const items = [
    makeItem({ title: 'B', section: 'clients', position: 2 }),
    makeItem({ title: 'A', section: 'clients', position: 1, status: 'excluded' }),
    makeItem({ title: 'Old', section: 'a-section-since-removed', position: 1 }),
  ];
  const groups = groupBySection(xmppNewsletter, items);

  it('lists every collected section in the newsletter’s order, with draft order inside', () => {
    expect(groups.map((g) => g.section.id)).toEqual(xmppNewsletter.sections.filter((s) => s.kind === 'collected').map((s) => s.id));
    const clients = groups.find((g) => g.section.id === 'clients')!;
    expect(clients.path).toBe('Software News › Clients');
    expect(clients.items.map((i) => i.title)).toEqual(['A', 'B']);
    expect(clients.included).toBe(1);
  });

  it('files an item of an unknown section where the draft prints it: the default section', () => {
    expect(groups.find((g) => g.section.id === xmppNewsletter.defaultSection)!.items.map((i) => i.title)).toEqual(['Old']);
    expect(renderDraft({ preset: xmppNewsletter, issue: '2023-10', items })).toContain(items[2]!.entry);
  });

  it('says what the draft prints for an empty section: its placeholder, or nothing when left out', () => {
    expect(groups.find((g) => g.section.id === 'events')!.whenEmpty).toBe('- No events this month.');
    expect(groups.find((g) => g.section.id === 'videos')!.whenEmpty).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { middleSplit, nearbyIssues } from '../../../components/format';
import { sectionForKey, sectionKeys } from '../../../components/section-keys';
import { listNewsletters, resolveNewsletter } from '../../../utils/presets';
import { collectedSections, sectionPath } from '../../../utils/presets/types';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({ key, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('section accelerators', () => {
  it('give every section of every built-in newsletter its own key, from its own name where possible', () => {
    for (const { id } of listNewsletters([])) {
      const preset = resolveNewsletter(id, []);
      const sections = collectedSections(preset).map((s) => ({ id: s.id, path: sectionPath(preset, s.id) }));
      const keys = sectionKeys(sections);
      expect(keys.size, id).toBe(sections.length);
      expect(new Set(keys.values()).size, id).toBe(sections.length);
      for (const s of sections) {
        const leaf = s.path.split('›').at(-1)!.toLowerCase();
        expect(leaf.includes(keys.get(s.id)!) || s.path.toLowerCase().includes(keys.get(s.id)!), `${id} ${s.path}`).toBe(true);
        expect(sectionForKey(keys, press(keys.get(s.id)!))).toBe(s.id);
        expect(sectionForKey(keys, press(keys.get(s.id)!.toUpperCase()))).toBe(s.id);
      }
    }
  });

  it('reach the sections a browser’s type-ahead cannot: Clients, Servers, XEP Last Call', () => {
    const preset = resolveNewsletter('xmpp', []);
    const sections = collectedSections(preset).map((s) => ({ id: s.id, path: sectionPath(preset, s.id) }));
    const keys = sectionKeys(sections);
    expect([keys.get('announcements'), keys.get('clients'), keys.get('servers'), keys.get('libraries'), keys.get('xep-new'), keys.get('xep-last-call')]).toEqual(['a', 'c', 's', 'l', 'n', 't']);
  });

  it('leave shortcuts with modifiers and other keys alone', () => {
    const keys = sectionKeys([{ id: 'news', path: 'News' }]);
    expect(sectionForKey(keys, press('n', { ctrlKey: true }))).toBeNull();
    expect(sectionForKey(keys, press('n', { altKey: true }))).toBeNull();
    expect(sectionForKey(keys, press('ArrowDown'))).toBeNull();
    expect(sectionForKey(keys, press('q'))).toBeNull();
  });

  it('run out after the 36 letters and digits: later sections have none and keep the arrow keys', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, path: `Section ${i}` }));
    const keys = sectionKeys(many);
    expect(keys.size).toBe(36);
    expect(new Set(keys.values()).size).toBe(36);
  });
});

describe('popup formatting', () => {
  it('splits a long URL so its end stays visible, and the two halves join to the whole', () => {
    const url = 'https://blog.example.org/2024/01/a-very-long-slug-about-self-hosting-xmpp-on-a-raspberry-pi/';
    const { head, tail } = middleSplit(url);
    expect(head + tail).toBe(url);
    expect(tail).toBe(url.slice(-22));
    expect(middleSplit('https://dino.im/')).toEqual({ head: 'https://dino.im/', tail: '' });
  });

  it('offers the issues around the current one, and keeps an item’s own issue', () => {
    expect(nearbyIssues('2023-10', null)).toEqual(['2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12']);
    expect(nearbyIssues('2023-10', '2022-01')[0]).toBe('2022-01');
    expect(nearbyIssues('2024-W07', null, 1, 1)).toEqual(['2024-W06', '2024-W07', '2024-W08']);
  });
});

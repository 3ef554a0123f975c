/** schema.org Event (and its subtypes: MusicEvent, BusinessEvent …) from JSON-LD. */
import { normalizeDate } from '../../extract/dates';
import { asNode, resolveRef, textOf, typesOf, type JsonLdNode } from '../../extract/jsonld';
import { clean } from '../../extract/text';
import type { PageAdapter } from '../types';
import type { EventInfo } from './fields';

function addressText(value: unknown, nodes: readonly JsonLdNode[]): string | null {
  const resolved = resolveRef(value, nodes);
  if (typeof resolved === 'string') return clean(resolved) || null;
  const address = asNode(resolved);
  if (!address) return null;
  const part = (key: string): string => textOf(address[key], nodes) ?? '';
  // "10179 Berlin", as addresses are written, not "10179, Berlin".
  const parts = [part('streetAddress'), clean(`${part('postalCode')} ${part('addressLocality')}`), part('addressRegion'), part('addressCountry')]
    .filter((p) => p !== '');
  return parts.length > 0 ? parts.join(', ') : null;
}

/** "Place name, street, city" — or a virtual location's URL, or the plain string given. */
function locationText(value: unknown, nodes: readonly JsonLdNode[]): string | null {
  const first = resolveRef(Array.isArray(value) ? value[0] : value, nodes);
  if (typeof first === 'string') return clean(first) || null;
  const place = asNode(first);
  if (!place) return null;
  if (typesOf(place).includes('VirtualLocation')) return textOf(place['url'], nodes) ?? textOf(place['name'], nodes);
  const name = textOf(place['name'], nodes);
  const address = addressText(place['address'], nodes);
  const parts = [name, address].filter((p): p is string => p !== null && p !== '');
  // Avoid "Venue, Venue, City" when the address repeats the name.
  if (name && address?.startsWith(name)) return address;
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The locality of the event's (first) place, e.g. "Berlin". */
function localityOf(value: unknown, nodes: readonly JsonLdNode[]): string | null {
  const place = asNode(resolveRef(Array.isArray(value) ? value[0] : value, nodes));
  const address = place ? resolveRef(place['address'], nodes) : null;
  const node = asNode(address);
  return node ? clean(textOf(node['addressLocality'], nodes)) || null : null;
}

function eventNode(nodes: readonly JsonLdNode[]): JsonLdNode | null {
  return nodes.find((n) => typesOf(n).some((t) => /^\w*Event$/.test(t))) ?? null;
}

export function readEvent(nodes: readonly JsonLdNode[]): EventInfo | null {
  const event = eventNode(nodes);
  if (!event) return null;
  return {
    startDate: normalizeDate(textOf(event['startDate'], nodes)),
    endDate: normalizeDate(textOf(event['endDate'], nodes)),
    location: locationText(event['location'], nodes),
    locality: localityOf(event['location'], nodes),
  };
}

export const event: PageAdapter = {
  id: 'event',
  kind: 'event',
  detect: (page) => eventNode(page.meta.jsonLd) !== null,
  read: (page) => {
    const info = readEvent(page.meta.jsonLd);
    return info ? { event: info } : null;
  },
};

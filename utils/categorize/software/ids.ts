/**
 * The community software lists Newsdesk ships, by id and what they are: what a newsletter may
 * name as its `softwareList`. Kept apart from the lists' data so the schema and the options
 * page can name them without loading thousands of projects.
 */
export const SOFTWARE_LIST_IDS = ['xmpp'] as const;
export type SoftwareListId = (typeof SOFTWARE_LIST_IDS)[number];

export const SOFTWARE_LIST_NAMES: Readonly<Record<SoftwareListId, string>> = {
  xmpp: 'XMPP software listed on xmpp.org',
};

import type { NewsletterPreset, SectionDef } from './types';
import { xmppNewsletter2023 } from './xmpp-2023';

/**
 * The XMPP Newsletter as it is published now: the shape of its October 2025 and March 2026
 * issues (published 2025-11-05 and 2026-04-05 on xmpp.org; CC BY-SA 4.0; see
 * shared/reference). Banner figure and intro with site-relative links, XSF Announcements as
 * topics of their own, "XMPP Events", "Videos and Talks", "XMPP Articles", "XMPP Software News",
 * the XEP sections with today's placeholders, the occasional "XMPP Public channels", and the
 * contributors block built from the team below. Entries are written by the templates below.
 * Where the two issues differ (wording the editors retouch), the later one is followed.
 */

/** Hints, known projects and ids are those of the earlier shapes: items keep their sections. */
const earlier = (id: string): SectionDef => {
  const section = xmppNewsletter2023.sections.find((s) => s.id === id);
  if (!section) throw new Error(`no section ${id}`);
  return section;
};

const sections: SectionDef[] = [
  {
    ...earlier('announcements'),
    heading: 'XSF Announcements',
    layout: 'topics',
    entryForm: 'announcement',
    aliases: ['XSF Announcments'],
  },
  {
    ...earlier('events'),
    heading: 'XMPP Events',
    label: 'Events',
    aliases: ['Events'],
  },
  {
    ...earlier('videos'),
    heading: 'Videos and Talks',
    label: 'Videos and Talks',
    aliases: ['Videos', 'XMPP Videos', 'Talks', 'XMPP Talks'],
  },
  { ...earlier('articles'), heading: 'XMPP Articles', aliases: ['Articles'] },
  { id: 'software', heading: 'XMPP Software News', level: 2, kind: 'container', aliases: ['Software News', 'Software news'] },
  { ...earlier('clients'), order: 'alphabetical', heading: 'XMPP Clients and Applications', aliases: ['Clients and Applications'], placeholder: '- No client releases this month.' },
  { ...earlier('servers'), order: 'alphabetical', heading: 'XMPP Servers', aliases: ['Servers'], placeholder: '- No server releases this month.' },
  { ...earlier('libraries'), order: 'alphabetical', heading: 'XMPP Libraries & Tools', aliases: ['Libraries & Tools', 'Libraries'], placeholder: '- No library or tool releases this month.' },
  {
    id: 'extensions',
    heading: 'Extensions and specifications',
    level: 2,
    kind: 'container',
    body: 'The XMPP Standards Foundation develops extensions to XMPP in its [XEP series](/extensions/) in addition to [XMPP RFCs](/rfcs/). Developers and other standards experts from around the world collaborate on these extensions, developing new specifications for emerging practices, and refining existing ways of doing things. Proposed by anybody, the particularly successful ones end up as Final or Active - depending on their type - while others are carefully archived as Deferred. This life cycle is described in [XEP-0001](/extensions/xep-0001.html), which contains the formal and canonical definitions for the types, states, and processes. [Read more about the standards process](/about/standards-process.html). Communication around Standards and Extensions happens in the [Standards Mailing List](https://mail.jabber.org/postorius/lists/standards.xmpp.org/) ([online archive](https://mail.jabber.org/hyperkitty/list/standards@xmpp.org/)).',
  },
  {
    ...earlier('xep-proposed'),
    body: 'The XEP development process starts by writing up an idea and submitting it to the [XMPP Editor](/about/xsf/editor-team/). Within two weeks, the [Council](/about/xmpp-standards-foundation/#council) decides whether to accept this proposal as an Experimental XEP.',
    placeholder: '- No XEPs proposed this month.',
  },
  { ...earlier('xep-new'), placeholder: '- No new XEPs this month.' },
  { ...earlier('xep-deferred'), placeholder: '- No XEPs deferred this month.' },
  { ...earlier('xep-updated'), placeholder: '- No XEPs updated this month.' },
  {
    ...earlier('xep-last-call'),
    body: 'Last calls are issued once everyone seems satisfied with the current XEP status. After the [Council](/about/xmpp-standards-foundation/#council) decides whether the XEP seems ready, the [XMPP Editor](/about/xsf/editor-team/) issues a Last Call for comments. The feedback gathered during the Last Call can help improve the XEP before returning it to the Council for advancement to Stable.',
    placeholder: '- No Last Call this month.',
  },
  { ...earlier('xep-stable'), placeholder: '- No stable XEPs this month.', aliases: ['Stable (formerly known as Draft)', 'Draft'] },
  { ...earlier('xep-deprecated'), placeholder: '- No XEPs deprecated this month.' },
  {
    id: 'xep-rejected',
    heading: 'Rejected',
    label: 'XEP Rejected',
    level: 3,
    kind: 'collected',
    placeholder: '- No XEPs rejected this month.',
    hints: { kinds: ['xep'], xepStatuses: ['Rejected'] },
  },
  {
    id: 'public-channels',
    heading: 'XMPP Public channels',
    level: 2,
    kind: 'fixed',
    occasional: true,
    body: [
      'New rooms and public channels are created on a daily basis on the XMPP network. So, if you are on the lookout for new and exciting public channels to join, make sure to check out the [Public Channel Search Engine](https://search.jabber.network/search) to find out groups or communities that share your interests!',
      '',
      '- If you want to list all the channels, you can find them [here](https://search.jabber.network).',
      '- If you are interested on something in particular, [look by tag](https://search.jabber.network/tags/)!',
      '- If you only want to list rooms in a particular language just add `lang:xx` in the search box, like in this example for the [Spanish language](https://search.jabber.network/search?q=lang%3Aes&f=y&sinaddr=on&sindescr=on&sinname=on). Just make sure to replace `es` by your desired language (like `lang:fr`, `lang:de`, `lang:pt` and so on).',
    ].join('\n'),
  },
  {
    id: 'spread',
    heading: 'Spread the news',
    level: 2,
    kind: 'fixed',
    aliases: ['Spread the news!'],
    body: [
      'Please share the news on other networks:',
      '',
      '- [Mastodon](https://fosstodon.org/@xmpp/)',
      '- [Movim](https://mov.im/community/news.xmpp.org/News)',
      '- [Bluesky](https://bsky.app/profile/xmpp.org)',
      '- [LinkedIn](https://www.linkedin.com/company/xmpp-standards-foundation/)',
      '- [YouTube](https://www.youtube.com/channel/UCf3Kq2ElJDFQhYDdjn18RuA)',
      '- [Lemmy instance (unofficial)](https://slrpnk.net/c/xmpp)',
      '- [Reddit (unofficial)](https://www.reddit.com/r/xmpp/)',
      '- [XMPP Facebook page (unofficial)](https://www.facebook.com/jabber)',
      '',
      '{{< newsletter-subscribe >}}',
      '',
      'Also check out our [RSS Feed](/feeds/all.atom.xml)!',
      '',
      'Looking for job offers or want to hire a professional consultant for your XMPP project? Visit our [XMPP job board](https://xmpp.work/).',
    ].join('\n'),
  },
  {
    id: 'contributors',
    heading: 'Newsletter Contributors & Translations',
    level: 3,
    kind: 'fixed',
    body: [
      'This is a community effort, and we would like to thank translators for their contributions. Volunteers and more languages are welcome! Translations of the XMPP Newsletter will be released here (with some delay):',
      '',
      '- Contributors:',
      '  - To [this issue](/categories/newsletter/): *{contributors}*',
      '',
      '- Translations:',
      '{translations}',
    ].join('\n'),
  },
  {
    id: 'help',
    heading: 'Help us to build the newsletter',
    level: 2,
    kind: 'fixed',
    body: [
      "This XMPP Newsletter is produced collaboratively by the XMPP community. Each month's newsletter issue is drafted in this [simple pad](https://pad.nixnet.services/oHnY_ZvLT8SoFyCqIC2ung). At the end of each month, the pad's content is merged into the [XSF GitHub repository](https://github.com/xsf/xmpp.org/milestone/3). We are always happy to welcome contributors. Do not hesitate to join the discussion in our [Comm-Team group chat (MUC)](xmpp:commteam@muc.xmpp.org?join) and thereby help us sustain this as a community effort. You have a project and want to spread the news? Please consider sharing your news or events here, and promote it to a large audience.",
      '',
      'Tasks we do on a regular basis:',
      '',
      '- gathering news in the XMPP universe',
      '- *short* summaries of news and events',
      '- summary of the monthly communication on extensions (XEPs)',
      '- review of the newsletter draft',
      '- preparation of media images',
      '- translations',
      '- communication via media accounts',
    ].join('\n'),
  },
  {
    id: 'unsubscribe',
    heading: 'Unsubscribe from the XMPP Newsletter',
    level: 2,
    kind: 'fixed',
    body: [
      'For this newsletter either [log in here](https://mail.jabber.org/accounts/login/?next=/postorius/lists/newsletter.xmpp.org/) and unsubscribe or simply send an email to newsletter-leave@xmpp.org.',
      '(If you have not previously logged in, you may need to set up an account with the appropriate email address.)',
    ].join('\n'),
  },
  {
    id: 'license',
    heading: 'License',
    level: 2,
    kind: 'fixed',
    body: 'This newsletter is published under [CC BY-SA license](https://creativecommons.org/licenses/by-sa/4.0/).',
  },
];

const { family: _family, ...shared } = xmppNewsletter2023;

export const xmppNewsletter: NewsletterPreset = {
  ...shared,
  id: 'xmpp',
  name: 'The XMPP Newsletter',
  frontMatterExtra: ["categories: ['Newsletter']"],
  intro: [
    '{{< figure src="/images/newsletter/xmpp_newsletter_banner.jpg" caption="XMPP Newsletter Banner" >}}',
    '',
    'Welcome to the XMPP Newsletter, great to have you here again!',
    'This issue covers the month of {month} {year}.',
    '',
    'The [XMPP Newsletter](/categories/newsletter/) is brought to you by the [XSF Communication Team](/about/xsf/comm-team/).',
    'Just like any other product or project by the XSF, the Newsletter is the result of the voluntary work of its members and contributors. If you are happy with the services and software you may be using, please consider saying thanks or help these projects!',
    '',
    'Interested in contributing to the [XSF Communication Team](/about/xsf/comm-team/)? Read more [at the bottom](#help-us-to-build-the-newsletter).',
  ].join('\n'),
  sections,
  // The structure file: Software News entries since 2025 are long (p90 ~480 characters).
  entryBudget: { target: 260, max: 480 },
  summary: {
    template: 'In this issue: {highlights}.{?releases} {releases}.{/releases}{?xeps} Specifications update: {xeps}!{/xeps}',
  },
  // Links to xmpp.org's own pages are site-relative since 2025 ("/extensions/xep-0461.html").
  siteRelativeLinks: true,
  entryTemplates: {
    release: { template: '{projectLink} has released {versions}{?description} of its {description}{/description}.{?summary} {summary}{/summary}', budget: { target: 260, max: 480 } },
    'xep-update': { template: '{?version}Version {version} of {/version}{xepLink}{?xepTitle} ({xepTitle}){/xepTitle}{changes}' },
    'xep-new': { template: '{?version}Version {version} of {/version}{xepLink}{?xepTitle} ({xepTitle}){/xepTitle} has been released.{changes}' },
    'xep-proposed': { template: '{xepLink}{?abstract}\n  - {abstract}{/abstract}' },
    'xep-last-call': {
      template:
        '{?thread}[Last Call]({thread}){/thread}{!thread}Last Call{/thread} for comments on {xepLink}{?xepTitle} ({xepTitle}){/xepTitle}{?lastCallEnd}\n  - This Last Call begins on {lastCallStart} and shall end at the close of business on {lastCallEnd}.{/lastCallEnd}',
    },
    article: {
      template: '{titleLink}{lang}{?author}, by {author}{?siteLink} for the {siteLink}{/siteLink}.{?summary} {summary}{/summary}{/author}{!author}{?summary}: {summary}{/summary}{!summary}.{/summary}{/author}',
      budget: { target: 220, max: 400 },
    },
    video: { template: '{titleLink}{lang}{?channel}, by {channel}{/channel}{?summary}: {summary}{/summary}{!summary}.{/summary}' },
    event: { template: '{titleLink}{lang}{?when}, {when}{/when}{?where} in {where}{/where}{?summary}: {summary}{/summary}' },
    // XSF Announcements are topics: the title is the heading, the entry its prose.
    announcement: { template: '{?summary}{summary} {/summary}Read more in {titleLink}.' },
  },
  team: {
    members: ['emus', 'cal0pteryx', 'Gonzalo Raúl Nemmi', 'Ludovic Bocquet', 'Sairam Bisoyi', 'XSF iTeam'],
    translations: [
      {
        language: 'French',
        url: 'https://linuxfr.org/tags/xmpp/public',
        translators: ['Adrien Bourmault (neox)', 'alkino', 'anubis', 'Arkem', 'Benoît Sibaud', 'mathieui', 'nyco', 'Pierre Jarillon', 'Ppjet6', 'Ysabeau'],
      },
      { language: 'Italian', url: '/categories/newsletter/', translators: ['Mario Sabatino', 'Roberto Resoli'] },
      { language: 'Portuguese', url: '/categories/newsletter/', translators: ['Paulo'] },
    ],
    translationLine: '  - [{language}]({url}): *{translators}*',
  },
};

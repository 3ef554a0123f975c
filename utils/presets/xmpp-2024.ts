import type { NewsletterPreset, SectionDef } from './types';
import { xmppNewsletter2023 } from './xmpp-2023';

/**
 * The XMPP Newsletter with the section names it uses since 2024 (shape of the September 2024
 * issue, published 2024-10-05): a banner and a shorter intro, "XMPP Articles",
 * "XMPP Software News" with "XMPP …" subsections, a "Rejected" XEP section and the
 * "Unsubscribe" block. Section ids are those of the 2023 preset, so items move between the
 * two without being refiled.
 */

const renamed: Readonly<Record<string, Partial<SectionDef>>> = {
  articles: { heading: 'XMPP Articles', aliases: ['Articles'] },
  videos: { aliases: ['Talks', 'XMPP Videos', 'Videos and Talks'] },
  software: { heading: 'XMPP Software News' },
  clients: { heading: 'XMPP Clients and Applications' },
  servers: { heading: 'XMPP Servers' },
  libraries: { heading: 'XMPP Libraries & Tools' },
  'xep-stable': { placeholder: '- No XEP moved to Stable this month.' },
  spread: {
    body: [
      'Please share the news on other networks:',
      '',
      '- [Mastodon](https://fosstodon.org/@xmpp/)',
      '- [Twitter](https://twitter.com/xmpp)',
      '- [YouTube](https://www.youtube.com/channel/UCf3Kq2ElJDFQhYDdjn18RuA)',
      '- [LinkedIn](https://www.linkedin.com/company/xmpp-standards-foundation/)',
      '- [Lemmy instance (unofficial)](https://slrpnk.net/c/xmpp)',
      '- [Reddit (unofficial)](https://www.reddit.com/r/xmpp/)',
      '- [XMPP Facebook page (unofficial)](https://www.facebook.com/jabber)',
      '',
      '{{< newsletter-subscribe >}}',
      '',
      'Also check out our [RSS Feed](https://xmpp.org/feeds/all.atom.xml)!',
      '',
      'Looking for job offers or want to hire a professional consultant for your XMPP project? Visit our [XMPP job board](https://xmpp.work/).',
    ].join('\n'),
  },
  // As the September 2024 issue credits people: names in italics, the translators of the time.
  contributors: {
    body: [
      'This is a community effort, and we would like to thank translators for their contributions. Volunteers and more languages are welcome! Translations of the XMPP Newsletter will be released here (with some delay):',
      '',
      '- English (original): [xmpp.org](https://xmpp.org/categories/newsletter/)',
      '  - General contributors: *{contributors}*',
      '- French: [jabberfr.org](https://news.jabberfr.org/category/newsletter/) and [linuxfr.org](https://linuxfr.org/tags/xmpp/public)',
      '  - Translators: *Adrien Bourmault (neox), alkino, anubis, Arkem, Benoît Sibaud, mathieui, nyco, Pierre Jarillon, Ppjet6, Ysabeau*',
      '- Italian: [notes.nicfab.eu](https://notes.nicfab.eu)',
      '  - Translators: *nicola*',
      '- Spanish: [xmpp.org](https://xmpp.org/categories/newsletter/)',
      '  - Translators: *Gonzalo Raúl Nemmi*',
      '- German: [xmpp.org](https://xmpp.org/categories/newsletter/)',
      '  - Translators: *Millesimus*',
    ].join('\n'),
  },
};

const rejected: SectionDef = {
  id: 'xep-rejected',
  heading: 'Rejected',
  label: 'XEP Rejected',
  level: 3,
  kind: 'collected',
  placeholder: '- No XEP rejected this month.',
  hints: { kinds: ['xep'], xepStatuses: ['Rejected'] },
};

const unsubscribe: SectionDef = {
  id: 'unsubscribe',
  heading: 'Unsubscribe from the XMPP Newsletter',
  level: 2,
  kind: 'fixed',
  body: [
    'To unsubscribe from this list, [please log in first](https://mail.jabber.org/accounts/login/?next=/postorius/lists/newsletter.xmpp.org/).',
    'If you have not previously logged in, you may need to set up an account with the appropriate email address.',
  ].join('\n'),
};

function sections2024(): SectionDef[] {
  const out: SectionDef[] = [];
  for (const section of xmppNewsletter2023.sections) {
    if (section.id === 'license') out.push(unsubscribe);
    out.push({ ...section, ...renamed[section.id] });
    if (section.id === 'xep-deprecated') out.push(rejected);
  }
  return out;
}

export const xmppNewsletter2024: NewsletterPreset = {
  ...xmppNewsletter2023,
  id: 'xmpp-2024',
  family: 'xmpp',
  name: 'The XMPP Newsletter (2024 shape)',
  intro: [
    '{{< figure src="/images/newsletter/xmpp_newsletter_banner.jpg" caption="XMPP Newsletter Banner" >}}',
    '',
    'Welcome to the XMPP Newsletter, great to have you here again!',
    'This issue covers the month of {month} {year}.',
  ].join('\n'),
  sections: sections2024(),
};
